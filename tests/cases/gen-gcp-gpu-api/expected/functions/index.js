// Cloud Run functions of vision-api (Node.js 22). Replace the bodies.
const functions = require('@google-cloud/functions-framework');

functions.http('api', (req, res) => {
  res.json({ ok: true, path: req.path });
});
