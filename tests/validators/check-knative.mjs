// Knative Serving's own admission rules for a serving.knative.dev/v1 Service,
// mirrored from knative.dev/serving (pkg/apis/serving/k8s_validation.go,
// fieldmask.go, v1/revision_validation.go, config/features.go and
// config/defaults.go), beyond what the OpenAPI schema checks:
//   - the pod spec fields Knative allows, and those it allows only with a
//     config-features flag (nodeSelector, tolerations, ...);
//   - the container fields it allows; no container named queue-proxy;
//   - ports: reserved ports refused, the port named h2c, http1 or nothing,
//     TCP only;
//   - reserved environment variables (PORT, K_SERVICE, K_CONFIGURATION,
//     K_REVISION);
//   - mount paths absolute, unique, not /, /dev or /dev/log, naming a volume;
//   - probes: a named port must be the container port's name; with
//     periodSeconds 0 no failureThreshold or timeoutSeconds;
//   - containerConcurrency 0-1000, timeoutSeconds 0-600 (the defaults of
//     container-concurrency-max-limit and max-revision-timeout-seconds).
//
// usage: node check-knative.mjs [--features a,b] FILE.yaml...
//   --features: the config-features flags the cluster enables
//   (e.g. kubernetes.podspec-nodeselector). Exit 0 valid, 1 invalid, 2 usage.
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const RESERVED_PORTS = new Set([8012, 8013, 8022, 9090, 9091, 8008]);
const RESERVED_ENV = new Set(['PORT', 'K_SERVICE', 'K_CONFIGURATION', 'K_REVISION']);
const RESERVED_PATHS = new Set(['/', '/dev', '/dev/log']);
const PORT_NAMES = new Set(['h2c', 'http1', '']);
const POD_ALLOWED = new Set([
  'serviceAccountName', 'containers', 'volumes', 'imagePullSecrets', 'enableServiceLinks',
  'automountServiceAccountToken',
  // RevisionSpec's own fields
  'containerConcurrency', 'timeoutSeconds', 'responseStartTimeoutSeconds', 'idleTimeoutSeconds',
]);
const POD_FEATURES = {
  affinity: 'kubernetes.podspec-affinity',
  topologySpreadConstraints: 'kubernetes.podspec-topologyspreadconstraints',
  hostAliases: 'kubernetes.podspec-hostaliases',
  nodeSelector: 'kubernetes.podspec-nodeselector',
  runtimeClassName: 'kubernetes.podspec-runtimeclassname',
  tolerations: 'kubernetes.podspec-tolerations',
  securityContext: 'kubernetes.podspec-securitycontext',
  shareProcessNamespace: 'kubernetes.podspec-shareprocessnamespace',
  priorityClassName: 'kubernetes.podspec-priorityclassname',
  schedulerName: 'kubernetes.podspec-schedulername',
  initContainers: 'kubernetes.podspec-init-containers',
  dnsPolicy: 'kubernetes.podspec-dnspolicy',
  dnsConfig: 'kubernetes.podspec-dnsconfig',
  hostIPC: 'kubernetes.podspec-hostipc',
  hostPID: 'kubernetes.podspec-hostpid',
  hostNetwork: 'kubernetes.podspec-hostnetwork',
};
const CONTAINER_ALLOWED = new Set([
  'name', 'args', 'command', 'env', 'workingDir', 'envFrom', 'image', 'imagePullPolicy',
  'livenessProbe', 'ports', 'readinessProbe', 'resources', 'securityContext', 'startupProbe',
  'terminationMessagePath', 'terminationMessagePolicy', 'volumeMounts',
]);
const MAX_CONCURRENCY = 1000;
const MAX_TIMEOUT = 600;

function checkProbe(p, port, where, out) {
  if (!p) return;
  const handlers = ['httpGet', 'tcpSocket', 'exec', 'grpc'].filter((h) => p[h]);
  if (handlers.length !== 1) out.push(`${where}: exactly one of httpGet, tcpSocket, exec, grpc`);
  for (const h of ['httpGet', 'tcpSocket']) {
    const named = p[h] && typeof p[h].port === 'string' ? p[h].port : '';
    if (named && named !== ((port && port.name) || ''))
      out.push(`${where}.${h}.port: Probe port must match container port`);
  }
  if ((p.periodSeconds || 0) === 0) {
    if (p.failureThreshold) out.push(`${where}: failureThreshold is disallowed when periodSeconds is zero`);
    if (p.timeoutSeconds) out.push(`${where}: timeoutSeconds is disallowed when periodSeconds is zero`);
  }
}

export function checkService(doc, features) {
  const out = [];
  const spec = doc?.spec?.template?.spec;
  if (!spec) return ['no spec.template.spec'];
  for (const k of Object.keys(spec)) {
    if (POD_ALLOWED.has(k)) continue;
    if (POD_FEATURES[k]) {
      if (!features.has(POD_FEATURES[k]))
        out.push(`spec.template.spec.${k}: needs the ${POD_FEATURES[k]} flag of config-features`);
      continue;
    }
    out.push(`spec.template.spec.${k}: not allowed by Knative`);
  }
  if (spec.automountServiceAccountToken === true)
    out.push('automountServiceAccountToken: only false may be set');
  const cc = spec.containerConcurrency;
  if (cc !== undefined && !(Number.isInteger(cc) && cc >= 0 && cc <= MAX_CONCURRENCY))
    out.push(`containerConcurrency ${cc}: must be 0-${MAX_CONCURRENCY}`);
  const to = spec.timeoutSeconds;
  if (to !== undefined && !(Number.isInteger(to) && to >= 0 && to <= MAX_TIMEOUT))
    out.push(`timeoutSeconds ${to}: must be 0-${MAX_TIMEOUT} (max-revision-timeout-seconds)`);
  const volumes = new Set((spec.volumes || []).map((v) => v.name));
  const containers = spec.containers || [];
  if (!containers.length) out.push('no containers');
  const withPorts = containers.filter((c) => (c.ports || []).length);
  if (containers.length > 1 && withPorts.length !== 1)
    out.push('exactly one container must name a port when there are several');
  containers.forEach((c, i) => {
    const where = `containers[${i}]`;
    for (const k of Object.keys(c)) if (!CONTAINER_ALLOWED.has(k)) out.push(`${where}.${k}: not allowed by Knative`);
    if (c.name === 'queue-proxy') out.push(`${where}: "queue-proxy" is a reserved container name`);
    const ports = c.ports || [];
    if (ports.length > 1) out.push(`${where}.ports: more than one port`);
    const port = ports[0];
    if (port) {
      if (RESERVED_PORTS.has(port.containerPort)) out.push(`${where}: ${port.containerPort} is a reserved port`);
      if (!(port.containerPort >= 0 && port.containerPort <= 65535)) out.push(`${where}: containerPort out of range`);
      if (!PORT_NAMES.has(port.name || '')) out.push(`${where}: port name ${port.name} is not allowed (h2c, http1 or none)`);
      if (port.protocol && port.protocol !== 'TCP') out.push(`${where}: protocol ${port.protocol} (TCP only)`);
    }
    for (const e of c.env || [])
      if (RESERVED_ENV.has(e.name)) out.push(`${where}: "${e.name}" is a reserved environment variable`);
    const seen = new Set();
    for (const m of c.volumeMounts || []) {
      const p = m.mountPath || '';
      const clean = p ? path.posix.normalize(p).replace(/(.)\/$/, '$1') : '';
      if (!p) out.push(`${where}: volumeMount without mountPath`);
      else if (RESERVED_PATHS.has(clean)) out.push(`${where}: mountPath "${clean}" is a reserved path`);
      else if (!path.posix.isAbsolute(p)) out.push(`${where}: mountPath ${p} is not absolute`);
      else if (seen.has(clean)) out.push(`${where}: mountPath ${p} must be unique`);
      seen.add(clean);
      if (!volumes.has(m.name)) out.push(`${where}: volumeMount ${m.name} names no volume`);
    }
    checkProbe(c.livenessProbe, port, `${where}.livenessProbe`, out);
    checkProbe(c.readinessProbe, port, `${where}.readinessProbe`, out);
    checkProbe(c.startupProbe, port, `${where}.startupProbe`, out);
  });
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  let features = new Set();
  if (args[0] === '--features') {
    features = new Set((args[1] || '').split(',').filter(Boolean));
    args.splice(0, 2);
  }
  if (!args.length) {
    console.error('usage: node check-knative.mjs [--features a,b] FILE.yaml...');
    process.exit(2);
  }
  let bad = 0;
  let n = 0;
  for (const f of args) {
    for (const d of YAML.parseAllDocuments(fs.readFileSync(f, 'utf8'))) {
      const doc = d.toJS();
      if (!doc || doc.kind !== 'Service' || !String(doc.apiVersion).startsWith('serving.knative.dev/')) continue;
      n++;
      const problems = checkService(doc, features);
      for (const p of problems) console.error(`${f}: ${p}`);
      if (problems.length) bad++;
    }
  }
  console.log(`check-knative: ${n - bad} valid, ${bad} invalid`);
  process.exit(bad || !n ? 1 : 0);
}
