// Checks Azure Container Apps YAML (what `az containerapp create --yaml` and
// `az containerapp job create --yaml` take) against the Azure SDK's models:
// the serializer mappers of @azure/arm-appcontainers (ContainerApp, Job; API
// version 2025-07-01), property by property, with the flattened
// "properties.x" names, types, enums, required and read-only properties;
// an unknown property is an error. Then Container Apps' documented rules:
// the consumption CPU/memory pairs (0.25-4 vCPU in 0.25 steps, memory twice
// the vCPU in GiB), the T4 GPU profile's bounds (8 vCPU, 56 GiB), names of
// 2-32 characters (lower case, digits, '-', a letter first, no "--"),
// replicas 0-1000 with min <= max, a scale rule per name, ingress port 1-65535.
//
// usage: node check-containerapps.mjs FILE.yaml...   exit 0 valid, 1 invalid, 2 usage
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';

const require = createRequire(import.meta.url);
const pkg = path.dirname(require.resolve('@azure/arm-appcontainers/package.json'));
const Mappers = await import(pathToFileURL(path.join(pkg, 'dist/esm/models/mappers.js')).href);

// Top-level keys the CLI's YAML carries although the model has them
// read-only (the CLI takes the name from --name and the type from the verb).
const CLI_ONLY = new Set(['name', 'type']);

function mapperOf(className) {
  const m = Mappers[className];
  if (!m) throw new Error(`no mapper ${className}`);
  return m;
}

// modelProperties as a tree of serialized path segments.
function tree(mapper) {
  const root = new Map();
  for (const [, p] of Object.entries(mapper.type.modelProperties || {})) {
    if (!p.serializedName) continue;
    const parts = p.serializedName.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, '.'));
    let node = root;
    for (let i = 0; i < parts.length - 1; i++) {
      if (!node.has(parts[i])) node.set(parts[i], { children: new Map() });
      node = node.get(parts[i]).children;
    }
    node.set(parts[parts.length - 1], { prop: p });
  }
  return root;
}

function checkValue(value, type, where, out) {
  switch (type.name) {
    case 'String':
      if (typeof value !== 'string') out.push(`${where}: expected a string`);
      return;
    case 'Number':
      if (typeof value !== 'number' || !Number.isFinite(value)) out.push(`${where}: expected a number`);
      return;
    case 'Boolean':
      if (typeof value !== 'boolean') out.push(`${where}: expected true or false`);
      return;
    case 'Enum':
      if (!type.allowedValues.includes(value)) out.push(`${where}: ${value} is not one of ${type.allowedValues.join(', ')}`);
      return;
    case 'DateTime':
      if (typeof value !== 'string' || Number.isNaN(Date.parse(value))) out.push(`${where}: expected a date-time`);
      return;
    case 'Sequence':
      if (!Array.isArray(value)) return out.push(`${where}: expected a list`);
      value.forEach((v, i) => checkValue(v, type.element.type, `${where}[${i}]`, out));
      return;
    case 'Dictionary':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return out.push(`${where}: expected a mapping`);
      for (const [k, v] of Object.entries(value)) checkValue(v, type.value.type, `${where}.${k}`, out);
      return;
    case 'Composite':
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return out.push(`${where}: expected a mapping`);
      checkObject(value, tree(mapperOf(type.className)), where, out);
      return;
    default:
      return; // Object / any
  }
}

function checkObject(value, node, where, out) {
  for (const [k, v] of Object.entries(value)) {
    const entry = node.get(k);
    const at = where ? `${where}.${k}` : k;
    if (!entry) {
      out.push(`${at}: unknown property`);
      continue;
    }
    if (entry.children) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) out.push(`${at}: expected a mapping`);
      else checkObject(v, entry.children, at, out);
      continue;
    }
    if (entry.prop.readOnly && !(where === '' && CLI_ONLY.has(k))) out.push(`${at}: read-only, set by Azure`);
    const c = entry.prop.constraints || {};
    if (typeof v === 'number') {
      if (c.InclusiveMinimum !== undefined && v < c.InclusiveMinimum) out.push(`${at}: below ${c.InclusiveMinimum}`);
      if (c.InclusiveMaximum !== undefined && v > c.InclusiveMaximum) out.push(`${at}: above ${c.InclusiveMaximum}`);
    }
    if (typeof v === 'string' && c.Pattern && !new RegExp(c.Pattern).test(v)) out.push(`${at}: does not match ${c.Pattern}`);
    checkValue(v, entry.prop.type, at, out);
  }
  for (const [k, entry] of node) if (entry.prop && entry.prop.required && !(k in value) && !entry.prop.readOnly)
    out.push(`${where ? where + '.' : ''}${k}: required`);
}

const gib = (m) => (typeof m === 'string' && /^\d+(\.\d+)?Gi$/.test(m) ? Number(m.slice(0, -2)) : NaN);

export function checkResource(doc) {
  const out = [];
  const kind = doc.type;
  const model = kind === 'Microsoft.App/jobs' ? 'Job' : kind === 'Microsoft.App/containerApps' ? 'ContainerApp' : null;
  if (!model) return [`type ${kind}: not Microsoft.App/containerApps or Microsoft.App/jobs`];
  checkObject(doc, tree(mapperOf(model)), '', out);
  const name = doc.name || '';
  if (!/^[a-z][a-z0-9-]{0,30}[a-z0-9]$/.test(name) || name.includes('--'))
    out.push(`name ${name}: 2-32 lower-case letters, digits and '-', a letter first, no "--"`);
  const props = doc.properties || {};
  const gpu = Boolean(props.workloadProfileName);
  for (const c of props.template?.containers || []) {
    const cpu = c.resources?.cpu;
    const mem = gib(c.resources?.memory);
    if (!(typeof cpu === 'number' && cpu >= 0.25 && Math.abs(cpu * 4 - Math.round(cpu * 4)) < 1e-9))
      out.push(`container ${c.name}: cpu ${cpu} is not a multiple of 0.25 vCPU`);
    if (!Number.isFinite(mem) || Math.abs(mem * 2 - Math.round(mem * 2)) > 1e-9)
      out.push(`container ${c.name}: memory ${c.resources?.memory} is not in 0.5Gi steps`);
    if (gpu) {
      if (cpu > 8 || mem > 56) out.push(`container ${c.name}: ${cpu} vCPU / ${mem} GiB is more than the T4 GPU profile has`);
    } else if (!(cpu <= 4 && Math.abs(mem - 2 * cpu) < 1e-9)) {
      out.push(`container ${c.name}: ${cpu} vCPU / ${c.resources?.memory} is not a consumption pair (memory = 2 x vCPU GiB, at most 4 vCPU)`);
    }
    if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c.name || '') || (c.name || '').length > 63)
      out.push(`container name ${c.name}: not a DNS label`);
  }
  const scale = props.template?.scale;
  if (scale) {
    const min = scale.minReplicas ?? 0;
    const max = scale.maxReplicas ?? 10;
    if (!(min >= 0 && max >= 1 && max <= 1000 && min <= max)) out.push(`scale: replicas ${min}-${max} (0 <= min <= max <= 1000)`);
    const names = (scale.rules || []).map((r) => r.name);
    if (new Set(names).size !== names.length) out.push('scale: rule names must be unique');
    const secrets = new Set((props.configuration?.secrets || []).map((s) => s.name));
    for (const r of scale.rules || [])
      for (const rule of [r.custom, r.http, r.azureQueue, r.tcp].filter(Boolean))
        for (const a of rule.auth || [])
          if (!secrets.has(a.secretRef)) out.push(`scale rule ${r.name}: secret ${a.secretRef} is not defined`);
  }
  const ingress = props.configuration?.ingress;
  if (ingress && !(ingress.targetPort >= 1 && ingress.targetPort <= 65535)) out.push('ingress.targetPort out of range');
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node check-containerapps.mjs FILE.yaml...');
    process.exit(2);
  }
  let bad = 0;
  for (const f of files) {
    let problems;
    try {
      problems = checkResource(YAML.parse(fs.readFileSync(f, 'utf8')));
    } catch (e) {
      problems = [`cannot read: ${e.message}`];
    }
    for (const p of problems) console.error(`${f}: ${p}`);
    if (problems.length) bad++;
  }
  console.log(`check-containerapps: ${files.length - bad} valid, ${bad} invalid`);
  process.exit(bad ? 1 : 0);
}
