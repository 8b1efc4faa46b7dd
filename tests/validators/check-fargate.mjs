// Checks Fargate task definitions against Fargate's rules: a valid task
// size (the AWS "task CPU and memory" table), awsvpc networking, FARGATE
// compatibility, host port = container port, awslogs logging, a non-root
// user and a read-only root filesystem; a served task (port mappings) has a
// health check, a batch task (none) no HTTP one; IAM role names of at most
// 64 characters and a log group name of at most 512; and no key
// RegisterTaskDefinition does not know.
//
// usage: node check-fargate.mjs task-definition.json...   exit 0 valid, 1 invalid
import fs from 'node:fs';

const range = (lo, hi, step) => Array.from({ length: (hi - lo) / step + 1 }, (_, i) => lo + i * step);
const SIZES = {
  256: [512, 1024, 2048],
  512: range(1024, 4096, 1024),
  1024: range(2048, 8192, 1024),
  2048: range(4096, 16384, 1024),
  4096: range(8192, 30720, 1024),
  8192: range(16384, 61440, 4096),
  16384: range(32768, 122880, 8192),
};

const TASK_KEYS = new Set([
  'family', 'taskRoleArn', 'executionRoleArn', 'networkMode', 'containerDefinitions', 'volumes',
  'placementConstraints', 'requiresCompatibilities', 'cpu', 'memory', 'tags', 'pidMode', 'ipcMode',
  'proxyConfiguration', 'inferenceAccelerators', 'ephemeralStorage', 'runtimePlatform', 'enableFaultInjection',
]);
const CONTAINER_KEYS = new Set([
  'name', 'image', 'repositoryCredentials', 'cpu', 'memory', 'memoryReservation', 'links', 'portMappings',
  'essential', 'restartPolicy', 'entryPoint', 'command', 'environment', 'environmentFiles', 'mountPoints',
  'volumesFrom', 'linuxParameters', 'secrets', 'dependsOn', 'startTimeout', 'stopTimeout', 'versionConsistency',
  'hostname', 'user', 'workingDirectory', 'disableNetworking', 'privileged', 'readonlyRootFilesystem',
  'dnsServers', 'dnsSearchDomains', 'extraHosts', 'dockerSecurityOptions', 'interactive', 'pseudoTerminal',
  'dockerLabels', 'ulimits', 'logConfiguration', 'healthCheck', 'systemControls', 'resourceRequirements',
  'firelensConfiguration', 'credentialSpecs',
]);

function check(file) {
  const problems = [];
  let td;
  try {
    td = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return [`not JSON: ${e.message}`];
  }
  for (const k of Object.keys(td)) if (!TASK_KEYS.has(k)) problems.push(`unknown key ${k}`);
  if (!/^[A-Za-z0-9_-]{1,255}$/.test(td.family || '')) problems.push('family missing or invalid');
  if (td.networkMode !== 'awsvpc') problems.push('networkMode must be awsvpc');
  if (!Array.isArray(td.requiresCompatibilities) || !td.requiresCompatibilities.includes('FARGATE'))
    problems.push('requiresCompatibilities must include FARGATE');
  if (typeof td.cpu !== 'string' || typeof td.memory !== 'string') problems.push('cpu and memory must be strings');
  const cpu = Number(td.cpu);
  const mem = Number(td.memory);
  if (!(SIZES[cpu] || []).includes(mem)) problems.push(`cpu ${td.cpu} / memory ${td.memory} is not a Fargate task size`);
  for (const arn of ['executionRoleArn', 'taskRoleArn'])
    if (!/^arn:aws:iam::(\$\{AWS_ACCOUNT_ID\}|\d{12}):role\/[\w+=,.@-]+$/.test(td[arn] || ''))
      problems.push(`${arn} is not a role ARN`);
    else if (td[arn].replace(/^.*:role\//, '').replace('${AWS_ACCOUNT_ID}', '').length > 64)
      problems.push(`${arn}: the role name is longer than 64 characters`);
  const defs = td.containerDefinitions;
  if (!Array.isArray(defs) || defs.length === 0) return problems.concat('no containerDefinitions');
  for (const c of defs) {
    for (const k of Object.keys(c)) if (!CONTAINER_KEYS.has(k)) problems.push(`container: unknown key ${k}`);
    if (!c.name || !c.image) problems.push('container needs name and image');
    if (/:latest$/.test(c.image) || !/(:[\w][\w.-]{0,127}|@sha256:[a-f0-9]{64})$/.test(c.image))
      problems.push(`image ${c.image} is not pinned`);
    for (const p of c.portMappings || [])
      if (p.hostPort !== undefined && p.hostPort !== p.containerPort)
        problems.push('awsvpc: hostPort must equal containerPort');
    const serves = (c.portMappings || []).length > 0;
    const log = c.logConfiguration || {};
    if (log.logDriver !== 'awslogs') problems.push('logDriver must be awslogs');
    const o = log.options || {};
    for (const k of ['awslogs-group', 'awslogs-region', 'awslogs-stream-prefix'])
      if (!o[k]) problems.push(`awslogs option ${k} missing`);
    if (c.readonlyRootFilesystem !== true) problems.push('readonlyRootFilesystem must be true');
    if (!c.user || /^(0|root)(:|$)/.test(c.user)) problems.push('user must be non-root');
    if (c.privileged) problems.push('privileged container');
    if ((o['awslogs-group'] || '').length > 512) problems.push('awslogs-group longer than 512 characters');
    const hc = c.healthCheck;
    if (serves && (!hc || !Array.isArray(hc.command) || !['CMD', 'CMD-SHELL'].includes(hc.command[0])))
      problems.push('healthCheck.command must start with CMD or CMD-SHELL');
    if (!serves && hc && /https?:\/\//.test((hc.command || []).join(' ')))
      problems.push('a task with no port mapping has an HTTP health check');
  }
  return problems;
}

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node check-fargate.mjs task-definition.json...');
  process.exit(2);
}
let failed = 0;
for (const f of files) {
  const problems = check(f);
  for (const p of problems) console.error(`${f}: ${p}`);
  if (problems.length) failed++;
}
console.log(`check-fargate: ${files.length - failed} valid, ${failed} invalid`);
process.exit(failed ? 1 : 0);
