// Validates Kubernetes and Knative manifests: every document against the
// OpenAPI schema compiled into kubernetes-models / @kubernetes-models/knative
// (types, enums, required fields), and every field against the model's type
// declarations, so an unknown or misspelt field is an error too (the compiled
// schemas alone let extra properties through).
//
// usage: node validate-k8s.mjs FILE.yaml...   exit 0 valid, 1 invalid, 2 usage
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import ts from 'typescript';

const here = path.dirname(fileURLToPath(import.meta.url));

// apiVersion -> module folder; the model is <folder>/<Kind>.js, interface I<Kind>.
function modulePath(apiVersion, kind) {
  if (apiVersion === 'kustomize.config.k8s.io/v1beta1') return null;
  if (apiVersion.endsWith('.knative.dev/v1') || apiVersion.includes('.knative.dev/'))
    return `@kubernetes-models/knative/${apiVersion}/${kind}`;
  return `kubernetes-models/${apiVersion}/${kind}`;
}

// One TypeScript program over a virtual file that names every type we need.
function typeChecker(specs) {
  const virtual = path.join(here, '__archwise_types__.ts');
  const lines = specs.map((s, i) => `import type { I${s.kind} as T${i} } from "${s.module}";\nexport type A${i} = T${i};`);
  const source = lines.join('\n') + '\n';
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, ...rest) =>
    name === virtual ? ts.createSourceFile(name, source, lang) : getSourceFile(name, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === virtual || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === virtual ? source : readFile(name));
  const program = ts.createProgram([virtual], options, host);
  const diags = ts.getPreEmitDiagnostics(program).filter((d) => d.file && d.file.fileName === virtual);
  if (diags.length) {
    for (const d of diags) console.error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    throw new Error('cannot resolve the model types');
  }
  const checker = program.getTypeChecker();
  const sf = program.getSourceFile(virtual);
  const types = [];
  ts.forEachChild(sf, (node) => {
    if (ts.isTypeAliasDeclaration(node)) types.push(checker.getTypeAtLocation(node.name));
  });
  return { checker, types };
}

// Drops undefined/null from a union; the object-like member when there is one.
function concrete(checker, type) {
  if (!type.isUnion()) return type;
  const members = type.types.filter((t) => !(t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null)));
  const obj = members.find((t) => t.flags & ts.TypeFlags.Object);
  return obj || (members.length === 1 ? members[0] : type);
}

function unknownFields(checker, value, type, where, out) {
  type = concrete(checker, type);
  if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return;
  if (Array.isArray(value)) {
    const elem = checker.getIndexTypeOfType(type, ts.IndexKind.Number);
    if (elem) value.forEach((v, i) => unknownFields(checker, v, elem, `${where}[${i}]`, out));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (!(type.flags & ts.TypeFlags.Object)) return;
  const index = checker.getIndexInfoOfType(type, ts.IndexKind.String);
  const props = new Map(checker.getPropertiesOfType(type).map((p) => [p.getName(), p]));
  for (const [key, v] of Object.entries(value)) {
    const prop = props.get(key);
    if (prop) {
      unknownFields(checker, v, checker.getTypeOfSymbol(prop), `${where}.${key}`, out);
    } else if (index) {
      unknownFields(checker, v, index.type, `${where}.${key}`, out);
    } else {
      out.push(`${where}.${key}: unknown field`);
    }
  }
}

async function main() {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node validate-k8s.mjs FILE.yaml...');
    process.exit(2);
  }
  const docs = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const doc of YAML.parseAllDocuments(text)) {
      if (doc.errors.length) {
        console.error(`${file}: ${doc.errors[0].message}`);
        process.exit(1);
      }
      const value = doc.toJS();
      if (value === null) continue;
      docs.push({ file, value });
    }
  }
  const specs = [];
  const byKey = new Map();
  for (const d of docs) {
    const { apiVersion, kind } = d.value;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
      d.problem = 'no apiVersion/kind';
      continue;
    }
    const module = modulePath(apiVersion, kind);
    if (!module) {
      d.skip = true;
      continue;
    }
    const key = `${apiVersion}/${kind}`;
    if (!byKey.has(key)) {
      byKey.set(key, specs.length);
      specs.push({ module, kind, key });
    }
    d.spec = byKey.get(key);
  }
  const { checker, types } = typeChecker(specs);
  let failed = 0;
  let checked = 0;
  for (const d of docs) {
    if (d.skip) continue;
    const name = `${d.file}: ${d.value.kind || '?'} ${d.value.metadata?.name || ''}`.trim();
    if (d.problem) {
      console.error(`${name}: ${d.problem}`);
      failed++;
      continue;
    }
    const spec = specs[d.spec];
    const mod = await import(spec.module);
    const Model = mod[spec.kind];
    const problems = [];
    try {
      new Model(d.value).validate();
    } catch (e) {
      problems.push(e.message);
    }
    unknownFields(checker, d.value, types[d.spec], '', problems);
    if (problems.length) {
      failed++;
      for (const p of problems) console.error(`${name}: ${p}`);
    } else {
      checked++;
    }
  }
  console.log(`validate-k8s: ${checked} objects valid, ${failed} invalid`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
