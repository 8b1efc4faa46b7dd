// Checks CloudFormation templates (what `osls package` writes to
// .serverless/cloudformation-template-update-stack.json) against the
// CloudFormation resource specification of the AWS CDK
// (@aws-cdk/aws-service-spec, the database the CDK generates its L1
// constructs from): every resource type exists; every property is known,
// of its type (string, integer, number, boolean, json, list, map, the
// nested property types, unions), required ones present; intrinsic
// functions ({"Ref"}, {"Fn::..."}) stand for any value. Then the names AWS
// limits: IAM role and Lambda function names 64 characters, log groups 512,
// SQS queues 80 (".fifo" included), EventBridge rules 64, Kinesis streams
// 128, DynamoDB tables 255, S3 buckets 63, inline IAM policy names 128.
//
// usage: node check-cfn.mjs TEMPLATE.json...   exit 0 valid, 1 invalid, 2 usage
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec';

const NAME_LIMITS = {
  'AWS::IAM::Role': { RoleName: 64 },
  'AWS::Lambda::Function': { FunctionName: 64 },
  'AWS::Logs::LogGroup': { LogGroupName: 512 },
  'AWS::SQS::Queue': { QueueName: 80 },
  'AWS::Events::Rule': { Name: 64 },
  'AWS::Kinesis::Stream': { Name: 128 },
  'AWS::DynamoDB::Table': { TableName: 255 },
  'AWS::S3::Bucket': { BucketName: 63 },
  'AWS::ApiGatewayV2::Api': { Name: 128 },
};

const db = await loadAwsServiceSpec();

function isIntrinsic(v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition');
}

// Problems of value against a spec type (empty when it fits).
function typeProblems(v, type, where) {
  if (isIntrinsic(v)) return [];
  switch (type.type) {
    case 'string':
      return typeof v === 'string' ? [] : [`${where}: expected a string`];
    case 'integer':
      return Number.isInteger(v) || (typeof v === 'string' && /^-?\d+$/.test(v)) ? [] : [`${where}: expected an integer`];
    case 'number':
      return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) ? [] : [`${where}: expected a number`];
    case 'boolean':
      return typeof v === 'boolean' || v === 'true' || v === 'false' ? [] : [`${where}: expected a boolean`];
    case 'date-time':
      return typeof v === 'string' ? [] : [`${where}: expected a date-time string`];
    case 'json':
      return v !== null && typeof v === 'object' ? [] : [`${where}: expected a JSON object`];
    case 'array':
      if (!Array.isArray(v)) return [`${where}: expected a list`];
      return v.flatMap((e, i) => typeProblems(e, type.element, `${where}[${i}]`));
    case 'map':
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return [`${where}: expected a map`];
      return Object.entries(v).flatMap(([k, e]) => typeProblems(e, type.element, `${where}.${k}`));
    case 'tag':
      return v && typeof v === 'object' && 'Key' in v && 'Value' in v ? [] : [`${where}: expected a tag`];
    case 'union': {
      const fits = type.types.map((t) => typeProblems(v, t, where));
      return fits.some((p) => p.length === 0) ? [] : fits.sort((a, b) => a.length - b.length)[0];
    }
    case 'ref': {
      const def = db.get('typeDefinition', type.reference.$ref);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return [`${where}: expected ${def.name}`];
      return propertiesProblems(v, def.properties, where);
    }
    default:
      return [`${where}: unknown spec type ${type.type}`];
  }
}

function propertiesProblems(obj, props, where) {
  const out = [];
  for (const [k, v] of Object.entries(obj)) {
    const p = props[k];
    if (!p) out.push(`${where}.${k}: unknown property`);
    else out.push(...typeProblems(v, p.type, `${where}.${k}`));
  }
  for (const [k, p] of Object.entries(props)) if (p.required && !(k in obj)) out.push(`${where}.${k}: required`);
  return out;
}

export function checkTemplate(t) {
  const out = [];
  for (const [id, r] of Object.entries(t.Resources || {})) {
    const spec = db.lookup('resource', 'cloudFormationType', 'equals', r.Type);
    if (spec.length !== 1) {
      out.push(`${id}: unknown resource type ${r.Type}`);
      continue;
    }
    out.push(...propertiesProblems(r.Properties || {}, spec[0].properties, `${id}(${r.Type})`));
    for (const [prop, max] of Object.entries(NAME_LIMITS[r.Type] || {})) {
      const v = (r.Properties || {})[prop];
      if (typeof v === 'string' && v.length > max) out.push(`${id}.${prop}: ${v.length} characters, the limit is ${max}`);
    }
    if (r.Type === 'AWS::IAM::Role')
      for (const pol of (r.Properties || {}).Policies || [])
        if (typeof pol.PolicyName === 'string' && pol.PolicyName.length > 128)
          out.push(`${id}: policy name ${pol.PolicyName.length} characters, the limit is 128`);
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = process.argv.slice(2);
  if (!files.length) {
    console.error('usage: node check-cfn.mjs TEMPLATE.json...');
    process.exit(2);
  }
  let bad = 0;
  let resources = 0;
  for (const f of files) {
    let problems;
    try {
      const t = JSON.parse(fs.readFileSync(f, 'utf8'));
      resources += Object.keys(t.Resources || {}).length;
      problems = checkTemplate(t);
    } catch (e) {
      problems = [`cannot read: ${e.message}`];
    }
    for (const p of problems) console.error(`${f}: ${p}`);
    if (problems.length) bad++;
  }
  console.log(`check-cfn: ${files.length - bad} valid, ${bad} invalid (${resources} resources)`);
  process.exit(bad ? 1 : 0);
}
