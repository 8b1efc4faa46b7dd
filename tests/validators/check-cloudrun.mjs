// Checks Cloud Run service YAML (Knative Serving v1 form, for `gcloud run
// services replace`): Knative's admission rules (check-knative.mjs; Cloud Run
// takes nodeSelector for its accelerator) with Cloud Run's request timeout,
// then Cloud Run's documented limits (cloud.google.com/run/docs: configuring
// CPU, memory limits, GPU, concurrency, max instances, labels):
//   - service name 1-49 characters, a letter first, lower case, digits, '-';
//   - whole CPUs 1, 2, 4, 6 or 8 with memory 512 MiB-32 GiB: more than 4 GiB
//     needs 2 CPUs, 8 GiB 4, 16 GiB 6, 24 GiB 8; 4 CPUs need 2 GiB, 6 or 8
//     CPUs 4 GiB;
//   - a GPU: nvidia.com/gpu 1 with the nvidia-l4 accelerator, at least 4 CPUs
//     and 16 GiB, CPU always allocated, the second-generation environment;
//   - containerConcurrency 1-1000, timeoutSeconds 1-3600, maxScale >= minScale;
//   - only annotations Cloud Run documents, labels by Google Cloud's rules.
//
// usage: node check-cloudrun.mjs FILE.yaml...   exit 0 valid, 1 invalid, 2 usage
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { checkService } from './check-knative.mjs';

const SERVICE_ANNOTATIONS = new Set([
  'run.googleapis.com/ingress', 'run.googleapis.com/launch-stage', 'run.googleapis.com/description',
  'run.googleapis.com/binary-authorization', 'run.googleapis.com/invoker-iam-disabled',
  'run.googleapis.com/minScale', 'run.googleapis.com/default-url-disabled',
]);
const REVISION_ANNOTATIONS = new Set([
  'autoscaling.knative.dev/minScale', 'autoscaling.knative.dev/maxScale',
  'run.googleapis.com/cpu-throttling', 'run.googleapis.com/startup-cpu-boost',
  'run.googleapis.com/execution-environment', 'run.googleapis.com/gpu-zonal-redundancy-disabled',
  'run.googleapis.com/vpc-access-connector', 'run.googleapis.com/vpc-access-egress',
  'run.googleapis.com/network-interfaces', 'run.googleapis.com/cloudsql-instances',
  'run.googleapis.com/secrets', 'run.googleapis.com/sessionAffinity',
  'run.googleapis.com/encryption-key', 'run.googleapis.com/container-dependencies',
]);
const CPUS = new Set([1, 2, 4, 6, 8]);
const minMem = (cpu) => (cpu >= 6 ? 4096 : cpu === 4 ? 2048 : 512);
const maxMem = (cpu) => (cpu >= 8 ? 32768 : cpu >= 6 ? 24576 : cpu >= 4 ? 16384 : cpu >= 2 ? 8192 : 4096);

function mib(q) {
  const m = /^(\d+)(Mi|Gi)$/.exec(String(q));
  return m ? Number(m[1]) * (m[2] === 'Gi' ? 1024 : 1) : NaN;
}

export function checkCloudRun(doc) {
  const out = checkService(doc, new Set(['kubernetes.podspec-nodeselector']), { maxTimeout: 3600 });
  const name = doc.metadata?.name || '';
  if (!/^[a-z]([-a-z0-9]{0,47}[a-z0-9])?$/.test(name)) out.push(`name ${name}: 1-49 characters, a letter first`);
  for (const [k, v] of Object.entries(doc.metadata?.labels || {}))
    if (!/^[a-z][a-z0-9_-]{0,62}$/.test(k) || !/^[a-z0-9_-]{0,63}$/.test(String(v)))
      out.push(`label ${k}: ${v} breaks Google Cloud's label rules`);
  for (const k of Object.keys(doc.metadata?.annotations || {}))
    if (!SERVICE_ANNOTATIONS.has(k)) out.push(`service annotation ${k}: not one Cloud Run documents`);
  const ann = doc.spec?.template?.metadata?.annotations || {};
  for (const [k, v] of Object.entries(ann)) {
    if (!REVISION_ANNOTATIONS.has(k)) out.push(`revision annotation ${k}: not one Cloud Run documents`);
    if (typeof v !== 'string') out.push(`revision annotation ${k}: the value must be a string`);
  }
  const min = Number(ann['autoscaling.knative.dev/minScale'] ?? 0);
  const max = Number(ann['autoscaling.knative.dev/maxScale'] ?? 100);
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && max >= 1 && min <= max))
    out.push(`minScale ${min} / maxScale ${max}`);
  const spec = doc.spec?.template?.spec || {};
  const cc = spec.containerConcurrency;
  if (cc !== undefined && !(cc >= 1 && cc <= 1000)) out.push(`containerConcurrency ${cc}: 1-1000`);
  for (const k of Object.keys(spec.nodeSelector || {}))
    if (k !== 'run.googleapis.com/accelerator') out.push(`nodeSelector ${k}: only run.googleapis.com/accelerator`);
  const accel = spec.nodeSelector?.['run.googleapis.com/accelerator'];
  for (const c of spec.containers || []) {
    const lim = c.resources?.limits || {};
    const cpu = Number(lim.cpu);
    const mem = mib(lim.memory);
    if (!CPUS.has(cpu)) out.push(`cpu ${lim.cpu}: Cloud Run takes 1, 2, 4, 6 or 8 whole CPUs here`);
    else if (!(mem >= minMem(cpu) && mem <= maxMem(cpu)))
      out.push(`${cpu} CPU with ${lim.memory}: not a pair Cloud Run accepts (${minMem(cpu)}-${maxMem(cpu)} MiB)`);
    const gpu = lim['nvidia.com/gpu'];
    if (gpu !== undefined || accel) {
      if (String(gpu) !== '1' || accel !== 'nvidia-l4') out.push('GPU: nvidia.com/gpu 1 with the nvidia-l4 accelerator');
      if (!(cpu >= 4 && mem >= 16384)) out.push('GPU: needs at least 4 CPUs and 16 GiB');
      if (ann['run.googleapis.com/cpu-throttling'] !== 'false') out.push('GPU: needs CPU always allocated (cpu-throttling "false")');
      if (ann['run.googleapis.com/execution-environment'] === 'gen1') out.push('GPU: needs the second-generation environment');
    }
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node check-cloudrun.mjs FILE.yaml...');
    process.exit(2);
  }
  let bad = 0;
  for (const f of files) {
    const problems = checkCloudRun(YAML.parse(fs.readFileSync(f, 'utf8')));
    for (const p of problems) console.error(`${f}: ${p}`);
    if (problems.length) bad++;
  }
  console.log(`check-cloudrun: ${files.length - bad} valid, ${bad} invalid`);
  process.exit(bad ? 1 : 0);
}
