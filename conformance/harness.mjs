// Harness of the conformance suite: starts a real `laurel serve` (one per test file), gives the
// tests the official SDK client pointed at it (GEN-1, SDK-12), a plain-HTTP helper for what the
// SDK does not cover (SDK-8), admin helpers, and contract checks against the OpenAPI files.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { TrophyApiClient, TrophyApiError } from '@trophyso/node';

import { contractMismatch } from './contract.mjs';

export { checkSchema, checkResponse, assertSchema, assertResponse, findOperation } from './contract.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, '..');
const LAUNCHER = join(ROOT, 'laurel');
const JAR = join(ROOT, 'server', 'target', 'laurel.jar');
// Generous: a PostgreSQL node migrates a fresh database first, which takes 10–30 s on a loaded 2-core machine.
const HEALTH_TIMEOUT_MS = 120_000;

/** Every server process this harness started, so none outlives the test process. */
const live = new Set();
function killAll() {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    killAll();
    process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
  });
}

const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER36 = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomString(alphabet, length) {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** AUTH-3: an admin key `<8 chars a-z0-9>.<≥32 base62>` for LAUREL_ADMIN_KEY. */
export function generateAdminKey() {
  return `${randomString(LOWER36, 8)}.${randomString(BASE62, 40)}`;
}

/** A short unique suffix for user ids and keys, so tests in one file never collide. */
export function uid(prefix = 'u') {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The store the suite runs on: `sqlite` (the embedded default) or `postgres` (the machine's
 * PostgreSQL at 127.0.0.1:5432, user postgres; a fresh database per server). `scripts/test.sh`
 * runs the suite once for each.
 */
export const BACKEND = process.env.LAUREL_TEST_BACKEND === 'postgres' ? 'postgres' : 'sqlite';

function psql(sql) {
  execFileSync('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'postgres', '-q', '-c', sql], { stdio: 'pipe' });
}

/** Creates a fresh PostgreSQL database; returns its `postgres://` URL and a function that drops it. */
export function createPostgresDatabase() {
  const name = `laurel_conf_${randomUUID().replaceAll('-', '')}`;
  psql(`CREATE DATABASE ${name}`);
  return { url: `postgres://postgres@127.0.0.1:5432/${name}`, drop: () => psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * A namespace of its own in the machine's Redis (127.0.0.1:6379) for the rankings of servers that
 * share it (`startServer({ redis })`): returns its `redis://` URL (with a unique key prefix) and a
 * function that deletes every key under that prefix.
 */
export function createRedisNamespace() {
  const prefix = `laurel:conf:${randomUUID().replaceAll('-', '')}:`;
  const redisCli = (...args) => execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', '6379', ...args], { stdio: 'pipe' }).toString();
  return {
    url: `redis://127.0.0.1:6379/0?prefix=${prefix}`,
    prefix,
    clear: () => {
      const keys = redisCli('--scan', '--pattern', `${prefix}*`).split('\n').filter((k) => k.length > 0);
      for (let i = 0; i < keys.length; i += 500) redisCli('del', ...keys.slice(i, i + 500));
    },
  };
}

/**
 * Starts `../laurel serve` on a free port with a fresh data directory and a generated admin key.
 * Options: `config` (path relative to the repository root, e.g. `examples/study-platform.yaml`);
 * `database` (a PostgreSQL URL shared with other servers: several nodes) and `adminKey` (the key
 * they share); `redis` (a Redis URL, e.g. from {@link createRedisNamespace}: the nodes' shared
 * rankings; needs `database`). Without `database`, the server gets a fresh PostgreSQL database when
 * the suite runs on that backend ({@link BACKEND}).
 */
export async function startServer(options = {}) {
  if (!existsSync(JAR)) {
    throw new Error(
      `server/target/laurel.jar is missing: build the server first (run \`./laurel --version\` in ${ROOT}), ` +
        'then run the suite with LAUREL_SKIP_BUILD=1',
    );
  }
  const adminKey = options.adminKey ?? generateAdminKey();
  const dataDir = mkdtempSync(join(tmpdir(), 'laurel-conformance-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const args = ['serve', '--port', String(port), '--data', dataDir];
  if (options.config) args.push('--config', resolve(ROOT, options.config));
  const ownDatabase = !options.database && BACKEND === 'postgres' ? createPostgresDatabase() : null;
  const databaseUrl = options.database ?? ownDatabase?.url;
  if (databaseUrl) args.push('--database', databaseUrl);
  if (options.redis) args.push('--redis', options.redis);
  const dropDatabase = () => ownDatabase?.drop();

  let child = null;
  let log = '';
  let exited = null;

  async function spawnServer() {
    log = '';
    exited = null;
    const proc = spawn(LAUNCHER, args, {
      cwd: ROOT,
      env: { ...process.env, LAUREL_SKIP_BUILD: '1', LAUREL_ADMIN_KEY: adminKey },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    live.add(proc);
    const append = (chunk) => {
      log += chunk.toString();
      if (log.length > 200_000) log = log.slice(-100_000);
    };
    proc.stdout.on('data', append);
    proc.stderr.on('data', append);
    const exitPromise = new Promise((r) =>
      proc.on('exit', (code, signal) => {
        live.delete(proc);
        exited = { code, signal };
        r(exited);
      }),
    );
    proc.exitPromise = exitPromise;
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (exited) {
        throw new Error(`laurel exited during start-up (${JSON.stringify(exited)}):\n${log}`);
      }
      try {
        const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    proc.kill('SIGKILL');
    throw new Error(`laurel did not answer GET /health with 200 within ${HEALTH_TIMEOUT_MS} ms:\n${log}`);
  }

  async function waitExit(proc, signal, graceMs) {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill(signal);
    let timer;
    const timeout = new Promise((r) => {
      timer = setTimeout(() => r('timeout'), graceMs);
    });
    const outcome = await Promise.race([proc.exitPromise, timeout]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      proc.kill('SIGKILL');
      await proc.exitPromise;
    }
  }

  const client = new TrophyApiClient({
    apiKey: adminKey,
    environment: { api: `${baseUrl}/v1`, admin: `${baseUrl}/admin/v1` },
  });

  /** A client of the official SDK with another key (application keys, bad keys). */
  function clientWith(apiKey) {
    return new TrophyApiClient({ apiKey, environment: { api: `${baseUrl}/v1`, admin: `${baseUrl}/admin/v1` } });
  }

  /**
   * Plain HTTP. `path` is absolute (`/v1/...`, `/admin/v1/...`, `/health`). Options: `body` (any
   * JSON value, or a string sent as is), `key` (default the admin key; `null` sends none),
   * `headers`, `contract` (default true: the reply must match what the contract declares for the
   * operation and status, when it declares a JSON body). Returns `{status, headers, body, text}`
   * with `body` parsed when JSON.
   */
  async function http(method, path, opts = {}) {
    const headers = { ...(opts.headers ?? {}) };
    const key = opts.key === undefined ? adminKey : opts.key;
    if (key !== null) headers['X-API-KEY'] = key;
    let body;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' || opts.body instanceof Uint8Array ? opts.body : JSON.stringify(opts.body);
      if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['Content-Type'] = 'application/json';
      }
    }
    const res = await fetch(`${baseUrl}${path}`, { method, headers, body });
    const text = await res.text();
    let parsed;
    try {
      parsed = text.length ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    // Every plain-HTTP reply is checked against what the contract declares for its operation
    // and status (success bodies and error bodies alike); `contract: false` opts out.
    if (opts.contract !== false && parsed !== undefined) {
      const api = path.startsWith('/admin/v1/') ? 'admin' : path.startsWith('/v1/') ? 'app' : null;
      if (api) {
        const apiPath = path.slice(api === 'admin' ? '/admin/v1'.length : '/v1'.length).split('?')[0];
        const mismatch = contractMismatch(api, method, apiPath, res.status, parsed);
        assert.equal(mismatch, null, `response does not match the ${api} contract: ${mismatch}\n${text.slice(0, 2000)}`);
      }
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }
  const app = (method, path, opts) => http(method, `/v1${path}`, opts);
  const admin = (method, path, opts) => http(method, `/admin/v1${path}`, opts);

  /** Creates metrics through the admin API (METRIC-3); fails on any issue. Returns CreatedMetric[]. */
  async function createMetrics(items) {
    const res = await admin('POST', '/metrics', { body: items });
    assert.equal(res.status, 201, `POST /metrics: ${res.text}`);
    assert.deepEqual(res.body.issues, [], `POST /metrics issues: ${res.text}`);
    return res.body.created;
  }
  async function createMetric(key, extra = {}) {
    return (await createMetrics([{ name: `Metric ${key}`, key, ...extra }]))[0];
  }

  /** Creates attributes through the admin API (ATTR-3); fails on any issue. Returns AdminAttribute[]. */
  async function createAttributes(items) {
    const res = await admin('POST', '/attributes', { body: items });
    assert.equal(res.status, 201, `POST /attributes: ${res.text}`);
    assert.deepEqual(res.body.issues, [], `POST /attributes issues: ${res.text}`);
    return res.body.created;
  }
  async function createAttribute(key, type) {
    return (await createAttributes([{ name: `Attribute ${key}`, key, type }]))[0];
  }

  /** Creates one application key for `userId` (AUTH-11); returns {id, userId, key, prefix}. */
  async function createAppKey(userId) {
    const res = await admin('POST', '/application-api-keys', { body: [{ userId }] });
    assert.equal(res.status, 201, `POST /application-api-keys: ${res.text}`);
    return res.body.created[0];
  }

  /** Polls `check` (async, returns truthy when done) until it holds or `timeoutMs` passes. */
  async function waitFor(check, { timeoutMs = 30_000, intervalMs = 50, what = 'condition' } = {}) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      last = await check();
      if (last) return last;
      await sleep(intervalMs);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }

  let finalStopped = false;
  const server = {
    baseUrl,
    port,
    adminKey,
    dataDir,
    client,
    clientWith,
    http,
    app,
    admin,
    createMetrics,
    createMetric,
    createAttributes,
    createAttribute,
    createAppKey,
    waitFor,
    log: () => log,
    pid: () => child?.pid,
    /** Graceful stop (SIGTERM), then removes the data directory. Safe to call twice. */
    async stop() {
      if (finalStopped) return;
      finalStopped = true;
      await waitExit(child, 'SIGTERM', 10_000);
      rmSync(dataDir, { recursive: true, force: true });
      dropDatabase();
    },
    /** `kill -9` of the server process; the data directory is kept for restart(). */
    async kill9() {
      await waitExit(child, 'SIGKILL', 10_000);
    },
    /** Starts the server again on the same port, data directory and admin key. */
    async restart() {
      await waitExit(child, 'SIGTERM', 10_000);
      await spawnServer();
    },
  };
  try {
    await spawnServer();
  } catch (e) {
    rmSync(dataDir, { recursive: true, force: true });
    dropDatabase();
    throw e;
  }
  return server;
}

/**
 * Awaits an SDK call that must fail with `status` and, when given, the exact error message
 * (ERR-1). Returns the error.
 */
export async function expectSdkError(promise, status, message) {
  let error;
  try {
    const value = await promise;
    assert.fail(`expected HTTP ${status} but the SDK returned ${JSON.stringify(value)}`);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    error = e;
  }
  assert.ok(error instanceof TrophyApiError, `expected a TrophyApiError, got ${error}`);
  assert.equal(error.statusCode, status, `status: ${error.message}`);
  assert.equal(typeof error.body?.error, 'string', `error body: ${JSON.stringify(error.body)}`);
  if (message instanceof RegExp) assert.match(error.body.error, message);
  else if (message !== undefined) assert.equal(error.body.error, message);
  return error;
}

/** Asserts a plain-HTTP error response: status, `{"error": message}` body (ERR-1), JSON type. */
export function expectError(res, status, message) {
  assert.equal(res.status, status, `expected ${status}, got ${res.status}: ${res.text}`);
  assert.ok(res.body && typeof res.body.error === 'string', `error body must be {"error": ...}: ${res.text}`);
  assert.deepEqual(Object.keys(res.body), ['error'], `error body has only "error": ${res.text}`);
  if (message instanceof RegExp) assert.match(res.body.error, message);
  else if (message !== undefined) assert.equal(res.body.error, message);
  assertJsonContentType(res);
}

/** GEN-2: `application/json; charset=utf-8` (compared as a media type: case and spaces ignored). */
export function assertJsonContentType(res) {
  const ct = res.headers.get('content-type') ?? '';
  const [type, ...params] = ct.split(';').map((s) => s.trim().toLowerCase());
  assert.equal(type, 'application/json', `content-type: ${ct}`);
  assert.ok(params.includes('charset=utf-8'), `content-type charset: ${ct}`);
}

/** GEN-7: timestamps are UTC with milliseconds and Z. */
export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The local calendar date (YYYY-MM-DD) of `instant` in IANA zone `tz` (TIME-3). */
export function localDate(tz, instant = new Date()) {
  return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    instant,
  );
}

/** Date arithmetic on YYYY-MM-DD strings. */
export function addDays(date, days) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export { sleep };
