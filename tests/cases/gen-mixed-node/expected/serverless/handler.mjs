// Handlers of orders (Node.js 22, ES module). Replace the bodies.

export const api = async (event) => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ ok: true, path: event.rawPath }),
});

// SQS batch: return the ids that failed so only they are retried.
export const worker = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      JSON.parse(record.body);
    } catch {
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
