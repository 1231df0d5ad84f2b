// Contract checks: validates JSON bodies against the OpenAPI 3.1 contracts in shared/api with ajv
// (JSON Schema 2020-12). Each contract's components become one schema with an $id; references
// `#/components/schemas/X` are rewritten to point into it, so both component schemas and inline
// operation response schemas can be checked. Nullable types are `type: [..., "null"]` (3.1).
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

const Ajv2020 = Ajv2020Module.default ?? Ajv2020Module;
const addFormats = addFormatsModule.default ?? addFormatsModule;

const HERE = dirname(fileURLToPath(import.meta.url));

/** The contracts: $LAUREL_API_DIR, else shared/api beside the work tree, else /work/shared/api. */
function apiDir() {
  const candidates = [
    process.env.LAUREL_API_DIR,
    resolve(HERE, '..', '..', 'shared', 'api'),
    resolve(HERE, '..', 'shared', 'api'),
    '/work/shared/api',
  ].filter(Boolean);
  for (const dir of candidates) {
    if (existsSync(join(dir, 'application-openapi.json'))) return dir;
  }
  throw new Error(`OpenAPI contracts not found; looked in: ${candidates.join(', ')} (set LAUREL_API_DIR)`);
}

const IDS = { app: 'https://laurel.invalid/application.json', admin: 'https://laurel.invalid/admin.json' };
const FILES = { app: 'application-openapi.json', admin: 'admin-openapi.json' };

const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
addFormats(ajv);
for (const f of ['double', 'float', 'int32', 'int64']) ajv.addFormat(f, true);

const docs = {};

/** Deep copy with every `#/components/schemas/X` reference pointed into the contract's schema. */
function rewriteRefs(node, api) {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, api));
  if (node && typeof node === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        out[k] = `${IDS[api]}#/$defs/${v.slice('#/components/schemas/'.length)}`;
      } else {
        out[k] = rewriteRefs(v, api);
      }
    }
    return out;
  }
  return node;
}

function load(api) {
  if (!docs[api]) {
    const doc = JSON.parse(readFileSync(join(apiDir(), FILES[api]), 'utf8'));
    ajv.addSchema({ $id: IDS[api], $defs: rewriteRefs(doc.components.schemas, api) });
    docs[api] = doc;
  }
  return docs[api];
}

const cache = new Map();

function compiled(cacheKey, makeSchema) {
  if (!cache.has(cacheKey)) cache.set(cacheKey, ajv.compile(makeSchema()));
  return cache.get(cacheKey);
}

function describe(errors) {
  return errors.map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`).join('; ');
}

/** Validates `body` against component schema `name` of `api` ('app' | 'admin'); returns errors or null. */
export function checkSchema(api, name, body) {
  const doc = load(api);
  if (!doc.components.schemas[name]) throw new Error(`no component schema ${name} in the ${api} contract`);
  const validate = compiled(`${api}:${name}`, () => ({ $ref: `${IDS[api]}#/$defs/${name}` }));
  return validate(body) ? null : validate.errors;
}

/**
 * Validates `body` against the response schema that the `api` contract declares for
 * `method path` (path as written in the contract, e.g. `/users/{id}/metrics`) and `status`.
 */
export function checkResponse(api, method, path, status, body) {
  const doc = load(api);
  const op = doc.paths[path]?.[method.toLowerCase()];
  if (!op) throw new Error(`no operation ${method} ${path} in the ${api} contract`);
  const response = op.responses[String(status)];
  if (!response) throw new Error(`${method} ${path} declares no ${status} response in the ${api} contract`);
  const schema = response.content?.['application/json']?.schema;
  if (!schema) throw new Error(`${method} ${path} ${status} has no JSON schema`);
  const validate = compiled(`${api}:${method}:${path}:${status}`, () => rewriteRefs(schema, api));
  return validate(body) ? null : validate.errors;
}

export function assertSchema(api, name, body) {
  const errors = checkSchema(api, name, body);
  assert.equal(errors, null, `body does not match ${api} schema ${name}: ${errors && describe(errors)}\n${JSON.stringify(body)}`);
}

export function assertResponse(api, method, path, status, body) {
  const errors = checkResponse(api, method, path, status, body);
  assert.equal(
    errors,
    null,
    `body does not match ${api} ${method} ${path} ${status}: ${errors && describe(errors)}\n${JSON.stringify(body)}`,
  );
}

/** Operation templates of a contract as [regex, template, methods], literal paths first. */
const templates = {};
function operations(api) {
  if (!templates[api]) {
    const doc = load(api);
    templates[api] = Object.keys(doc.paths)
      .map((template) => {
        const params = (template.match(/\{[^}]+\}/g) ?? []).length;
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+');
        return { regex: new RegExp(`^${source}$`), template, params };
      })
      .sort((a, b) => a.params - b.params);
  }
  return templates[api];
}

/**
 * The contract operation that `method` + concrete `path` (relative to the API base, without the
 * query) falls under, as `{template, op}`, or null when the contract has none.
 */
export function findOperation(api, method, path) {
  const doc = load(api);
  for (const { regex, template } of operations(api)) {
    const op = doc.paths[template][method.toLowerCase()];
    if (op && regex.test(path)) return { template, op };
  }
  return null;
}

/**
 * Checks a response of `method path` against whatever the contract declares for its status; a
 * status the operation does not declare, or an operation the contract lacks, is not checked.
 * Returns null or a description of the mismatch.
 */
export function contractMismatch(api, method, path, status, body) {
  const found = findOperation(api, method, path);
  if (!found) return null;
  const schema = found.op.responses[String(status)]?.content?.['application/json']?.schema;
  if (!schema) return null;
  const errors = checkResponse(api, method, found.template, status, body);
  return errors ? `${method} ${found.template} ${status}: ${describe(errors)}` : null;
}
