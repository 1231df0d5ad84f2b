// GEN and ERR: wire conventions common to every endpoint — media type, request ids, CORS, body
// size limits, unknown routes, malformed bodies (400 versus 422), unknown fields.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { assertJsonContentType, assertSchema, expectError, startServer, uid } from '../harness.mjs';

let s;
before(async () => {
  s = await startServer();
  await s.createMetric('pages');
});
after(async () => {
  await s?.stop();
});

const MiB = 1024 * 1024;

describe('GEN-2 media type and ERR-8 request ids', () => {
  test('GEN-2 every JSON response, success or error, is application/json; charset=utf-8', async () => {
    const responses = [
      await s.app('POST', '/users', { body: { id: uid() } }),
      await s.app('GET', '/users/nobody'),
      await s.admin('GET', '/metrics'),
      await s.admin('GET', '/metrics', { key: null }),
      await s.app('GET', '/nope'),
      await s.http('GET', '/health', { key: null }),
    ];
    for (const res of responses) {
      assert.ok(res.text.length > 0);
      assertJsonContentType(res);
    }
  });

  test('GEN-2 the Content-Type header text is exactly "application/json; charset=utf-8"', async () => {
    for (const res of [await s.admin('GET', '/metrics'), await s.app('GET', '/users/nobody'), await s.http('GET', '/health', { key: null })]) {
      assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    }
  });

  test('GEN-2 the body is parsed as JSON whatever the Content-Type header says', async () => {
    const id = uid();
    const res = await s.app('POST', '/users', {
      body: JSON.stringify({ id }),
      headers: { 'Content-Type': 'text/plain' },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.id, id);
    const ev = await s.app('POST', '/metrics/pages/event', {
      body: JSON.stringify({ user: { id }, value: 2 }),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(ev.status, 201, ev.text);
    assert.equal(ev.body.total, 2);
  });

  test('ERR-8 every response carries an X-Request-Id header, unique per request', async () => {
    const a = await s.app('GET', '/users/nobody');
    const b = await s.app('POST', '/users', { body: { id: uid() } });
    const c = await s.admin('GET', '/metrics', { key: null });
    const d = await s.app('GET', '/definitely/not/a/route');
    const ids = [a, b, c, d].map((r) => r.headers.get('x-request-id'));
    for (const id of ids) assert.ok(id && id.length > 0, 'X-Request-Id present');
    assert.equal(new Set(ids).size, ids.length, 'request ids are unique');
  });
});

describe('ERR-7 unknown routes and ERR-2 405', () => {
  test('ERR-7 an unknown route is 404 {"error": "Not found"} on both APIs', async () => {
    expectError(await s.app('GET', '/no-such-thing'), 404, 'Not found');
    expectError(await s.app('POST', '/metrics/pages/event/extra', { body: {} }), 404, 'Not found');
    expectError(await s.admin('GET', '/no-such-thing'), 404, 'Not found');
    expectError(await s.http('GET', '/v2/users/x'), 404, 'Not found');
  });

  test('ERR-2 a known path with the wrong method is 405 with an Allow header', async () => {
    const res = await s.app('DELETE', '/users/someone');
    expectError(res, 405);
    assert.ok(res.headers.get('allow'), 'Allow header present');
    assert.match(res.headers.get('allow'), /GET/);
  });
});

/** Sends raw bytes over one connection (for requests fetch refuses to build); returns the reply. */
function rawRequest(text) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(s.port, '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      data += chunk;
    });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
    socket.setTimeout(5000, () => {
      socket.destroy();
      resolve(data);
    });
  });
}

function parseRaw(reply) {
  const [head, ...rest] = reply.split('\r\n\r\n');
  const [statusLine, ...headerLines] = head.split('\r\n');
  const headers = new Headers(headerLines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()]));
  const text = rest.join('\r\n\r\n');
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: Number(statusLine.split(' ')[1]), headers, text, body };
}

describe('ERR-1 requests refused before routing still get JSON error bodies', () => {
  test('ERR-1 / GEN-11 a malformed percent-encoding in the path is 400 with a JSON error body', async () => {
    const reply = await rawRequest(`GET /v1/users/%zz HTTP/1.1\r\nHost: x\r\nX-API-KEY: ${s.adminKey}\r\nConnection: close\r\n\r\n`);
    expectError(parseRaw(reply), 400);
  });

  test('ERR-1 an over-long URI (414) and over-large headers (431) answer JSON error bodies', async () => {
    expectError(await s.app('GET', `/users/${'u'.repeat(20_000)}`), 414);
    const res = await s.app('POST', '/metrics/pages/event', {
      body: { user: { id: 'hdr' }, value: 1 },
      headers: { 'Idempotency-Key': 'k'.repeat(20_000) },
    });
    expectError(res, 431);
    expectError(await s.app('GET', '/users/hdr'), 404, 'User not found');
  });
});

describe('GEN-17 CORS on the application API', () => {
  test('GEN-17 a preflight on /v1 needs no key and lists methods and headers', async () => {
    const res = await fetch(`${s.baseUrl}/v1/metrics/pages/event`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'https://app.example.com',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'x-api-key, content-type, idempotency-key',
      },
    });
    assert.ok(res.status === 200 || res.status === 204, `preflight status ${res.status}`);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const methods = (res.headers.get('access-control-allow-methods') ?? '').split(',').map((m) => m.trim());
    for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) assert.ok(methods.includes(m), `method ${m}`);
    const headers = (res.headers.get('access-control-allow-headers') ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase());
    for (const h of ['x-api-key', 'content-type', 'tenant-id', 'idempotency-key']) {
      assert.ok(headers.includes(h), `allowed header ${h}`);
    }
  });

  test('GEN-17 application responses expose Retry-After and X-Request-Id; the admin API sends no CORS headers', async () => {
    const res = await fetch(`${s.baseUrl}/v1/users/nobody`, {
      headers: { Origin: 'https://app.example.com', 'X-API-KEY': s.adminKey },
    });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const exposed = (res.headers.get('access-control-expose-headers') ?? '').split(',').map((h) => h.trim().toLowerCase());
    assert.ok(exposed.includes('x-request-id'));
    assert.ok(exposed.includes('retry-after'));
    const adminRes = await fetch(`${s.baseUrl}/admin/v1/metrics`, {
      headers: { Origin: 'https://app.example.com', 'X-API-KEY': s.adminKey },
    });
    assert.equal(adminRes.status, 200);
    assert.equal(adminRes.headers.get('access-control-allow-origin'), null);
  });
});

describe('GEN-12 body size limits', () => {
  test('GEN-12 a body over 1 MiB is 413 with an error body (application API)', async () => {
    const big = JSON.stringify({ user: { id: 'big', name: 'x'.repeat(MiB) }, value: 1 });
    expectError(await s.app('POST', '/metrics/pages/event', { body: big }), 413);
    expectError(await s.app('POST', '/users', { body: JSON.stringify({ id: 'big', name: 'y'.repeat(MiB + 10) }) }), 413);
    expectError(await s.app('GET', '/users/big'), 404, 'User not found');
  });

  test('GEN-12 a body over 1 MiB is 413 on admin endpoints other than batch events', async () => {
    const items = [{ name: 'n'.repeat(MiB), key: 'huge' }];
    expectError(await s.admin('POST', '/metrics', { body: items }), 413);
  });

  test('GEN-12 exactly at the limit is not refused for size', async () => {
    // A body of exactly 1 MiB that is valid JSON: the padding is in an ignored field (GEN-5).
    const id = uid();
    const skeleton = JSON.stringify({ user: { id }, value: 1, pad: '' });
    const body = JSON.stringify({ user: { id }, value: 1, pad: 'p'.repeat(MiB - skeleton.length) });
    assert.equal(Buffer.byteLength(body), MiB);
    const res = await s.app('POST', '/metrics/pages/event', { body });
    assert.equal(res.status, 201, res.text.slice(0, 200));
  });
});

describe('ERR-3 malformed requests: 400 where the contract declares it, 422 elsewhere', () => {
  test('ERR-3 malformed JSON on POST /metrics/{key}/event, POST /users, PUT and PATCH /users/{id} is 400', async () => {
    expectError(await s.app('POST', '/metrics/pages/event', { body: '{"user": {"id": "x"}, "value": 1' }), 400);
    expectError(await s.app('POST', '/metrics/pages/event', { body: '' }), 400);
    expectError(await s.app('POST', '/users', { body: '{not json' }), 400);
    expectError(await s.app('PUT', '/users/someone', { body: '[1,' }), 400);
    const id = uid();
    await s.client.users.create({ id });
    expectError(await s.app('PATCH', `/users/${id}`, { body: 'nope' }), 400);
  });

  test('ERR-3 wrong JSON types and missing required properties on an event are 400', async () => {
    const cases = [
      [],
      'just a string',
      { value: 1 },
      { user: 'id', value: 1 },
      { user: {}, value: 1 },
      { user: { id: 7 }, value: 1 },
      { user: { id: 'x' } },
      { user: { id: 'x' }, value: '1' },
      { user: { id: 'x' }, value: null },
      { user: { id: 'x' }, value: 1, attributes: 'a' },
      { user: { id: 'x' }, value: 1, attributes: { k: 1 } },
      { user: { id: 'x', attributes: { k: true } }, value: 1 },
      { user: { id: 'x', email: 5 }, value: 1 },
      { user: { id: 'x', deviceTokens: 'tok' }, value: 1 },
      { user: { id: 'x', subscribeToEmails: 'yes' }, value: 1 },
    ];
    for (const body of cases) {
      const res = await s.app('POST', '/metrics/pages/event', { body: typeof body === 'string' ? JSON.stringify(body) : body });
      expectError(res, 400);
    }
    expectError(await s.app('GET', '/users/x'), 404, 'User not found');
  });

  test('ERR-3 malformed JSON on admin POST /metrics and POST /attributes is 422', async () => {
    expectError(await s.admin('POST', '/metrics', { body: '[{"name": "A", "key": "a"}' }), 422);
    expectError(await s.admin('POST', '/attributes', { body: '{{' }), 422);
    expectError(await s.admin('PATCH', '/metrics', { body: 'x' }), 422);
  });

  test('ERR-3 malformed JSON on admin POST /metrics/events is 400', async () => {
    expectError(await s.admin('POST', '/metrics/events', { body: '[{"key": "pages"' }), 400);
  });
});

test('GEN-5 unknown request fields are ignored', async () => {
  const id = uid();
  const res = await s.app('POST', '/users', { body: { id, favouriteColour: 'green', nested: { a: 1 } } });
  assert.equal(res.status, 201, res.text);
  assertSchema('app', 'User', res.body);
  assert.equal(res.body.favouriteColour, undefined);
  const ev = await s.app('POST', '/metrics/pages/event', { body: { user: { id, shoeSize: 44 }, value: 1, extra: [1, 2] } });
  assert.equal(ev.status, 201, ev.text);
  const created = await s.admin('POST', '/metrics', { body: [{ name: 'Extra', key: uid('extra'), colour: 'red' }] });
  assert.equal(created.status, 201, created.text);
  assert.deepEqual(created.body.issues, []);
});

test('GEN-15 / X3 /health answers 200 without a key', async () => {
  const res = await s.http('GET', '/health', { key: null });
  assert.equal(res.status, 200);
});
