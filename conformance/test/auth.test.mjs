// AUTH: API keys on both APIs — 401s, application keys (AUTH-4, AUTH-6, AUTH-7, AUTH-8,
// AUTH-11, AUTH-12) and the precedence of authentication (AUTH-13, ERR-9).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  assertJsonContentType,
  assertSchema,
  expectError,
  expectSdkError,
  generateAdminKey,
  startServer,
  uid,
  UUID_V4,
} from '../harness.mjs';

const UNAUTHORIZED = 'Unauthorized';
const ADMIN_REFUSES_APP_KEYS = 'Application API keys are not accepted by the admin API';

let s;
before(async () => {
  s = await startServer();
  await s.createMetric('steps');
});
after(async () => {
  await s?.stop();
});

describe('AUTH-1 missing or invalid keys answer 401 {"error": "Unauthorized"}', () => {
  test('AUTH-1 no X-API-KEY header on the application and admin APIs', async () => {
    expectError(await s.app('GET', '/users/anyone', { key: null }), 401, UNAUTHORIZED);
    expectError(await s.admin('GET', '/metrics', { key: null }), 401, UNAUTHORIZED);
    expectError(
      await s.app('POST', '/metrics/steps/event', { key: null, body: { user: { id: 'x' }, value: 1 } }),
      401,
      UNAUTHORIZED,
    );
  });

  test('AUTH-1 keys not in prefix.body form', async () => {
    for (const key of ['nodot', '.onlybody', 'onlyprefix.', '', ' ', 'a.b.c']) {
      expectError(await s.app('GET', '/users/anyone', { key }), 401, UNAUTHORIZED);
    }
  });

  test('AUTH-1 unknown prefix and wrong secret (through the SDK too)', async () => {
    expectError(await s.admin('GET', '/metrics', { key: generateAdminKey() }), 401, UNAUTHORIZED);
    const [prefix] = s.adminKey.split('.');
    const wrongSecret = `${prefix}.${'x'.repeat(40)}`;
    expectError(await s.admin('GET', '/metrics', { key: wrongSecret }), 401, UNAUTHORIZED);
    expectError(await s.app('GET', '/users/anyone', { key: wrongSecret }), 401, UNAUTHORIZED);
    await expectSdkError(
      s.clientWith(wrongSecret).metrics.event('steps', { user: { id: 'x' }, value: 1 }),
      401,
      UNAUTHORIZED,
    );
    await expectSdkError(s.clientWith('garbage').users.get('x'), 401, UNAUTHORIZED);
  });

  test('AUTH-1 a refused request has no effect', async () => {
    const id = uid();
    await expectSdkError(
      s.clientWith(generateAdminKey()).metrics.event('steps', { user: { id }, value: 5 }),
      401,
      UNAUTHORIZED,
    );
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
  });

  test('AUTH-13 / ERR-9 authentication precedes route and existence checks', async () => {
    expectError(await s.app('GET', '/no-such-route', { key: null }), 401, UNAUTHORIZED);
    expectError(await s.app('GET', '/users/nobody-here', { key: null }), 401, UNAUTHORIZED);
    expectError(await s.app('POST', '/metrics/no-such-metric/event', { key: null, body: '{oops' }), 401, UNAUTHORIZED);
    expectError(await s.admin('GET', '/metrics/not-a-uuid', { key: 'bad.key' }), 401, UNAUTHORIZED);
  });
});

describe('AUTH-11 POST /application-api-keys', () => {
  test('AUTH-11 / AUTH-4 creates one key per item: 201, contract shape, app_ prefix, full key once', async () => {
    const a = uid('owner');
    const res = await s.admin('POST', '/application-api-keys', { body: [{ userId: a }, { userId: a }] });
    assert.equal(res.status, 201, res.text);
    assertSchema('admin', 'CreateApplicationKeysResponse', res.body);
    assert.deepEqual(res.body.issues, []);
    assert.equal(res.body.created.length, 2, 'duplicates create several keys');
    for (const k of res.body.created) {
      assert.equal(k.userId, a);
      assert.match(k.id, UUID_V4);
      assert.match(k.prefix, /^app_[A-Za-z0-9]+$/);
      assert.ok(k.key.startsWith(`${k.prefix}.`), `key = prefix + "." + body: ${k.key}`);
      assert.ok(k.key.length - k.prefix.length - 1 >= 32, 'body of at least 32 characters');
    }
    assert.notEqual(res.body.created[0].key, res.body.created[1].key);
    assert.notEqual(res.body.created[0].prefix, res.body.created[1].prefix);
  });

  test('AUTH-11 / ADM-5 item failures are issues by index; 200 when nothing was created', async () => {
    const res = await s.admin('POST', '/application-api-keys', {
      body: [{ userId: 'x'.repeat(256) }, { nope: true }, { userId: '' }],
    });
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'CreateApplicationKeysResponse', res.body);
    assert.deepEqual(res.body.created, []);
    assert.deepEqual(
      res.body.issues.map((i) => [i.index, i.severity]),
      [
        [0, 'error'],
        [1, 'error'],
        [2, 'error'],
      ],
    );
    const mixed = await s.admin('POST', '/application-api-keys', { body: [{ userId: 42 }, { userId: uid() }] });
    assert.equal(mixed.status, 201, mixed.text);
    assert.equal(mixed.body.created.length, 1);
    assert.equal(mixed.body.issues.length, 1);
    assert.equal(mixed.body.issues[0].index, 0);
    assert.equal(mixed.body.issues[0].message, 'userId must be a string');
  });

  test('AUTH-11 / ADM-2 empty, oversized or non-array bodies are 422', async () => {
    expectError(await s.admin('POST', '/application-api-keys', { body: [] }), 422);
    const many = Array.from({ length: 101 }, () => ({ userId: 'u' }));
    expectError(await s.admin('POST', '/application-api-keys', { body: many }), 422);
    expectError(await s.admin('POST', '/application-api-keys', { body: { userId: 'u' } }), 422);
    expectError(await s.admin('POST', '/application-api-keys', { body: '[{"userId": ' }), 422);
  });
});

describe('application keys on the application and admin APIs', () => {
  let owner;
  let appKey;
  let appClient;
  before(async () => {
    owner = uid('owner');
    appKey = await s.createAppKey(owner);
    appClient = s.clientWith(appKey.key);
  });

  test('AUTH-8 / AUTH-2 an application key works for its own user and creates it on first use', async () => {
    const ev = await appClient.metrics.event('steps', { user: { id: owner, name: 'Owner' }, value: 2 });
    assert.equal(ev.total, 2);
    const user = await appClient.users.get(owner);
    assert.equal(user.id, owner);
    assert.equal(user.name, 'Owner');
    const updated = await appClient.users.update(owner, { name: 'Renamed' });
    assert.equal(updated.name, 'Renamed');
    const metrics = await appClient.users.allMetrics(owner);
    assert.equal(metrics.find((m) => m.key === 'steps').current, 2);
    const prefs = await appClient.users.getPreferences(owner);
    assert.deepEqual(prefs.notifications, {});
  });

  test('AUTH-7 an application key for another user is 403 with the exact message, and has no effect', async () => {
    const other = uid('other');
    const msg = `This API key is not authorised for user ${other}`;
    await expectSdkError(appClient.metrics.event('steps', { user: { id: other }, value: 1 }), 403, msg);
    await expectSdkError(appClient.users.create({ id: other }), 403, msg);
    await expectSdkError(appClient.users.identify(other, { name: 'x' }), 403, msg);
    await expectSdkError(appClient.users.get(other), 403, msg);
    await expectSdkError(appClient.users.update(other, { name: 'x' }), 403, msg);
    await expectSdkError(appClient.users.getPreferences(other), 403, msg);
    await expectSdkError(appClient.users.allMetrics(other), 403, msg);
    await expectSdkError(appClient.users.singleMetric(other, 'steps'), 403, msg);
    await expectSdkError(
      appClient.users.metricEventSummary(other, 'steps', {
        aggregation: 'daily',
        startDate: '2024-01-01',
        endDate: '2024-01-02',
      }),
      403,
      msg,
    );
    expectError(await s.app('GET', `/users/${other}`), 404, 'User not found');
  });

  test('AUTH-7 / ERR-9 the subject check runs after the shape check and before existence checks', async () => {
    const other = uid('other');
    // Unknown metric but another user: 403 before 404 (ERR-9).
    expectError(
      await s.app('POST', '/metrics/no-such-metric/event', { key: appKey.key, body: { user: { id: other }, value: 1 } }),
      403,
      `This API key is not authorised for user ${other}`,
    );
    // Malformed body: 400 before 403.
    expectError(
      await s.app('POST', '/metrics/steps/event', { key: appKey.key, body: { user: { id: other }, value: 'one' } }),
      400,
    );
  });

  test('AUTH-6 an application key on any admin endpoint is 403 with the exact message, and has no effect', async () => {
    const k = appKey.key;
    expectError(await s.admin('GET', '/metrics', { key: k }), 403, ADMIN_REFUSES_APP_KEYS);
    expectError(
      await s.admin('POST', '/metrics', { key: k, body: [{ name: 'Sneaky', key: 'sneaky' }] }),
      403,
      ADMIN_REFUSES_APP_KEYS,
    );
    expectError(await s.admin('GET', '/attributes', { key: k }), 403, ADMIN_REFUSES_APP_KEYS);
    expectError(
      await s.admin('POST', '/metrics/events', { key: k, body: [{ key: 'steps', user: { id: owner }, value: 1 }] }),
      403,
      ADMIN_REFUSES_APP_KEYS,
    );
    expectError(
      await s.admin('POST', '/application-api-keys', { key: k, body: [{ userId: owner }] }),
      403,
      ADMIN_REFUSES_APP_KEYS,
    );
    expectError(
      await s.admin('DELETE', `/application-api-keys?ids=${appKey.id}`, { key: k }),
      403,
      ADMIN_REFUSES_APP_KEYS,
    );
    const list = await s.admin('GET', '/metrics?limit=100');
    assert.ok(!list.body.some((m) => m.key === 'sneaky'), 'the refused create had no effect');
  });

  test('ERR-9 route and method checks (404, 405) precede the AUTH-6 key-type check', async () => {
    expectError(await s.admin('GET', '/no-such-admin-route', { key: appKey.key }), 404, 'Not found');
    expectError(await s.admin('PUT', '/metrics', { key: appKey.key, body: [] }), 405);
  });
});

describe('AUTH-12 DELETE /application-api-keys', () => {
  test('AUTH-12 a deleted key fails with 401 from the next request on', async () => {
    const owner = uid('owner');
    const k = await s.createAppKey(owner);
    const c = s.clientWith(k.key);
    await c.metrics.event('steps', { user: { id: owner }, value: 1 });
    const res = await s.admin('DELETE', `/application-api-keys?ids=${k.id}`);
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'DeleteApplicationKeysResponse', res.body);
    assert.deepEqual(res.body, { deleted: [{ id: k.id }], issues: [] });
    await expectSdkError(c.metrics.event('steps', { user: { id: owner }, value: 1 }), 401, UNAUTHORIZED);
    await expectSdkError(c.users.get(owner), 401, UNAUTHORIZED);
    const again = await s.admin('DELETE', `/application-api-keys?ids=${k.id}`);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body.deleted, []);
    assert.deepEqual(again.body.issues, [{ id: k.id, severity: 'error', message: 'Application API key not found by ID' }]);
  });

  test('AUTH-12 / ADM-6 / GEN-10 non-UUID and unknown ids are issues; comma and repeated ids both work', async () => {
    const k1 = await s.createAppKey(uid());
    const k2 = await s.createAppKey(uid());
    const k3 = await s.createAppKey(uid());
    const unknown = '00000000-0000-4000-8000-000000000000';
    const res = await s.admin('DELETE', `/application-api-keys?ids=${k1.id},not-a-uuid&ids=${unknown}&ids=${k2.id}`);
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'DeleteApplicationKeysResponse', res.body);
    assert.deepEqual(res.body.deleted.map((d) => d.id).sort(), [k1.id, k2.id].sort());
    assert.deepEqual(
      res.body.issues.map((i) => [i.id, i.severity, i.message]).sort(),
      [
        ['not-a-uuid', 'error', 'id must be a valid UUID'],
        [unknown, 'error', 'Application API key not found by ID'],
      ].sort(),
    );
    // The key that was not listed still works.
    const still = await s.clientWith(k3.key).users.create({ id: k3.userId });
    assert.equal(still.id, k3.userId);
  });

  test('AUTH-12 / ADM-6 missing or more than 100 ids is 422', async () => {
    expectError(await s.admin('DELETE', '/application-api-keys'), 422);
    expectError(await s.admin('DELETE', '/application-api-keys?ids='), 422);
    const ids = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expectError(await s.admin('DELETE', `/application-api-keys?ids=${ids.join(',')}`), 422);
  });
});

test('AUTH-2 the admin key works on the application API for any user', async () => {
  const id = uid();
  const created = await s.client.users.create({ id });
  assert.equal(created.id, id);
  const res = await s.app('GET', `/users/${id}`);
  assert.equal(res.status, 200);
  assertJsonContentType(res);
});
