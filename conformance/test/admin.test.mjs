// ADM, METRIC-1..METRIC-5, METRIC-10, ATTR-1..ATTR-5, ATTR-12: the admin metrics and attributes
// endpoints over plain HTTP (SDK-8), every response checked against the admin contract.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertResponse, assertSchema, expectError, expectSdkError, startServer, uid, UUID_V4 } from '../harness.mjs';

let s;
before(async () => {
  s = await startServer();
});
after(async () => {
  await s?.stop();
});

const UNKNOWN_UUID = '11111111-2222-4333-8444-555555555555';
const KEY_PATTERN_ISSUE = 'key must match ^[a-zA-Z\\d-_]+$';

async function postMetrics(items, status) {
  const res = await s.admin('POST', '/metrics', { body: items });
  assert.equal(res.status, status, res.text);
  assertSchema('admin', 'CreateMetricsResponse', res.body);
  assertResponse('admin', 'POST', '/metrics', status, res.body);
  return res.body;
}

async function postAttributes(items, status) {
  const res = await s.admin('POST', '/attributes', { body: items });
  assert.equal(res.status, status, res.text);
  assertSchema('admin', 'CreateAttributesResponse', res.body);
  return res.body;
}

describe('METRIC-3 POST /metrics', () => {
  test('METRIC-3 / METRIC-2 creates metrics: 201, CreatedMetric, unitType defaults to number, units to ""', async () => {
    const k1 = uid('m');
    const k2 = uid('m');
    const k3 = uid('m');
    const body = await postMetrics(
      [
        { name: 'Plain', key: k1 },
        { name: 'Pages', key: k2, unitType: 'number', units: 'pages' },
        { name: 'Revenue', key: k3, unitType: 'currency', units: 'USD' },
      ],
      201,
    );
    assert.deepEqual(body.issues, []);
    assert.equal(body.created.length, 3);
    for (const m of body.created) assert.match(m.id, UUID_V4);
    assert.deepEqual(
      body.created.map(({ name, key, unitType, units }) => ({ name, key, unitType, units })),
      [
        { name: 'Plain', key: k1, unitType: 'number', units: '' },
        { name: 'Pages', key: k2, unitType: 'number', units: 'pages' },
        { name: 'Revenue', key: k3, unitType: 'currency', units: 'USD' },
      ],
    );
  });

  test('METRIC-3 / ADM-5 item issues by index; 201 when at least one item was created, else 200', async () => {
    const good = uid('m');
    const mixed = await postMetrics(
      [
        { name: 'Bad key', key: 'has space' },
        { name: 'Good', key: good },
        { key: uid('m') },
        { name: 'Too long', key: 'k'.repeat(101) },
      ],
      201,
    );
    assert.deepEqual(mixed.created.map((m) => m.key), [good]);
    assert.deepEqual(
      mixed.issues.map((i) => [i.index, i.severity]),
      [
        [0, 'error'],
        [2, 'error'],
        [3, 'error'],
      ],
    );
    assert.equal(mixed.issues[0].message, KEY_PATTERN_ISSUE);
    assert.equal(mixed.issues[1].message, 'name must be a string');
    const none = await postMetrics([{ name: 'x', key: 'bad/key' }, { name: 5, key: uid('m') }], 200);
    assert.deepEqual(none.created, []);
    assert.deepEqual(none.issues, [
      { index: 0, severity: 'error', message: KEY_PATTERN_ISSUE },
      { index: 1, severity: 'error', message: 'name must be a string' },
    ]);
  });

  test('METRIC-1 / ADM-4 / ADM-10 a duplicate key is an issue, also within one request (second occurrence)', async () => {
    const key = uid('dup');
    await postMetrics([{ name: 'First', key }], 201);
    const again = await postMetrics([{ name: 'Second', key }], 200);
    assert.deepEqual(again.issues, [{ index: 0, severity: 'error', message: 'Key already in use by another metric' }]);
    const key2 = uid('dup');
    const within = await postMetrics(
      [
        { name: 'A', key: key2 },
        { name: 'B', key: key2 },
      ],
      201,
    );
    assert.equal(within.created.length, 1);
    assert.equal(within.created[0].name, 'A');
    assert.deepEqual(within.issues, [{ index: 1, severity: 'error', message: 'Key already in use by another metric' }]);
  });

  test('METRIC-2 currency metrics need an upper-case ISO 4217 code', async () => {
    const msg = 'units must be a supported currency code';
    const res = await postMetrics(
      [
        { name: 'No units', key: uid('c'), unitType: 'currency' },
        { name: 'Lower', key: uid('c'), unitType: 'currency', units: 'usd' },
        { name: 'Unknown', key: uid('c'), unitType: 'currency', units: 'XYZ' },
        { name: 'Word', key: uid('c'), unitType: 'currency', units: 'dollars' },
        { name: 'GBP', key: uid('c'), unitType: 'currency', units: 'GBP' },
      ],
      201,
    );
    assert.deepEqual(res.created.map((m) => m.units), ['GBP']);
    assert.deepEqual(
      res.issues.map((i) => [i.index, i.message]),
      [
        [0, msg],
        [1, msg],
        [2, msg],
        [3, msg],
      ],
    );
    const badType = await postMetrics([{ name: 'T', key: uid('c'), unitType: 'money' }], 200);
    assert.equal(badType.issues.length, 1);
    assert.equal(badType.issues[0].index, 0);
  });

  test('ADM-2 / ERR-3 empty, over 100 items, non-array or malformed bodies are 422 with no effect', async () => {
    const key = uid('none');
    expectError(await s.admin('POST', '/metrics', { body: [] }), 422);
    expectError(
      await s.admin('POST', '/metrics', { body: Array.from({ length: 101 }, (_, i) => ({ name: 'n', key: `${key}-${i}` })) }),
      422,
    );
    expectError(await s.admin('POST', '/metrics', { body: { name: 'n', key } }), 422);
    expectError(await s.admin('POST', '/metrics', { body: `[{"name": "n", "key": "${key}"}` }), 422);
    const list = await s.admin('GET', '/metrics?limit=100');
    assert.ok(!list.body.some((m) => m.key.startsWith(key)));
  });
});

describe('METRIC-10 / ADM-3 / ADM-8 listing and getting metrics', () => {
  test('ADM-3 lists in creation order with limit (default 10) and skip', async () => {
    // A fresh set after everything created so far: compare relative order.
    const keys = Array.from({ length: 12 }, (_, i) => `order-${String(i).padStart(2, '0')}-${uid('o')}`);
    await postMetrics(keys.map((key) => ({ name: key, key })), 201);
    const all = [];
    for (let skip = 0; ; skip += 100) {
      const page = await s.admin('GET', `/metrics?limit=100&skip=${skip}`);
      assert.equal(page.status, 200, page.text);
      assertSchema('admin', 'ListMetricsResponse', page.body);
      all.push(...page.body);
      if (page.body.length < 100) break;
    }
    const positions = keys.map((k) => all.findIndex((m) => m.key === k));
    assert.ok(positions.every((p) => p >= 0));
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'creation order');
    const def = await s.admin('GET', '/metrics');
    assert.equal(def.body.length, Math.min(10, all.length), 'default limit 10');
    const start = positions[0];
    const window = await s.admin('GET', `/metrics?limit=3&skip=${start + 2}`);
    assert.deepEqual(window.body.map((m) => m.key), keys.slice(2, 5));
    const beyond = await s.admin('GET', `/metrics?skip=${all.length + 5}`);
    assert.deepEqual(beyond.body, []);
  });

  test('ADM-3 out-of-range or unparsable limit and skip are 422 naming the parameter', async () => {
    for (const q of ['limit=0', 'limit=101', 'limit=-1', 'limit=abc', 'limit=1.5']) {
      const res = await s.admin('GET', `/metrics?${q}`);
      expectError(res, 422, /limit/);
    }
    for (const q of ['skip=-1', 'skip=x']) {
      expectError(await s.admin('GET', `/metrics?${q}`), 422, /skip/);
    }
    assert.equal((await s.admin('GET', '/metrics?limit=100&skip=0')).status, 200);
    assert.equal((await s.admin('GET', '/metrics?limit=1')).status, 200);
  });

  test('METRIC-10 / ADM-8 GET /metrics/{id}: 200 CreatedMetric; unknown or non-UUID id is 404 "Metric not found"', async () => {
    const m = await s.createMetric(uid('get'), { units: 'km' });
    const res = await s.admin('GET', `/metrics/${m.id}`);
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'CreatedMetric', res.body);
    assertResponse('admin', 'GET', '/metrics/{id}', 200, res.body);
    assert.deepEqual(res.body, m);
    expectError(await s.admin('GET', `/metrics/${UNKNOWN_UUID}`), 404, 'Metric not found');
    expectError(await s.admin('GET', '/metrics/not-a-uuid'), 404, 'Metric not found');
  });
});

describe('METRIC-4 PATCH /metrics', () => {
  test('METRIC-4 / ADM-9 renames and changes units; the key never changes; always 200', async () => {
    const m = await s.createMetric(uid('p'));
    const res = await s.admin('PATCH', '/metrics', { body: [{ id: m.id, name: 'Renamed', key: 'ignored-key', units: 'laps' }] });
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'UpdateMetricsResponse', res.body);
    assert.deepEqual(res.body, {
      updated: [{ id: m.id, name: 'Renamed', key: m.key, unitType: 'number', units: 'laps' }],
      issues: [],
    });
    const got = await s.admin('GET', `/metrics/${m.id}`);
    assert.equal(got.body.name, 'Renamed');
    assert.equal(got.body.key, m.key);
  });

  test('METRIC-4 switching to currency needs valid units in the item or stored', async () => {
    const m = await s.createMetric(uid('cur'));
    const bad = await s.admin('PATCH', '/metrics', { body: [{ id: m.id, unitType: 'currency' }] });
    assert.equal(bad.status, 200, bad.text);
    assertSchema('admin', 'UpdateMetricsResponse', bad.body);
    assert.deepEqual(bad.body.updated, []);
    assert.deepEqual(bad.body.issues, [{ id: m.id, severity: 'error', message: 'units must be a supported currency code' }]);
    const ok = await s.admin('PATCH', '/metrics', { body: [{ id: m.id, unitType: 'currency', units: 'EUR' }] });
    assert.deepEqual(ok.body.updated[0], { ...m, unitType: 'currency', units: 'EUR' });
    const rename = await s.admin('PATCH', '/metrics', { body: [{ id: m.id, name: 'Still currency' }] });
    assert.equal(rename.body.updated[0].units, 'EUR');
  });

  test('METRIC-4 / ADM-10 unknown ids are issues "Metric not found by ID"; other items still apply (ADM-4)', async () => {
    const m = await s.createMetric(uid('p'));
    const res = await s.admin('PATCH', '/metrics', {
      body: [
        { id: UNKNOWN_UUID, name: 'x' },
        { id: m.id, name: 'Applied' },
      ],
    });
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'UpdateMetricsResponse', res.body);
    assert.deepEqual(res.body.issues, [{ id: UNKNOWN_UUID, severity: 'error', message: 'Metric not found by ID' }]);
    assert.equal(res.body.updated.length, 1);
    assert.equal(res.body.updated[0].name, 'Applied');
    expectError(await s.admin('PATCH', '/metrics', { body: [] }), 422);
  });

  test('METRIC-4 / GEN-4 an item without an id is an issue that matches AdminIssue (no null id)', async () => {
    for (const path of ['/metrics', '/attributes']) {
      const res = await s.admin('PATCH', path, { body: [{ name: 'no id' }, 7] });
      assert.equal(res.status, 200, res.text);
      assertResponse('admin', 'PATCH', path, 200, res.body);
      assert.deepEqual(res.body.updated, []);
      assert.equal(res.body.issues.length, 2);
      for (const issue of res.body.issues) {
        assert.equal(issue.severity, 'error');
        assert.ok(!('id' in issue) || typeof issue.id === 'string', `issue id is a string or absent: ${res.text}`);
      }
    }
  });
});

describe('METRIC-5 DELETE /metrics', () => {
  test('METRIC-5 archives: gone from admin get and list, from user metrics and events; the key becomes free', async () => {
    const m = await s.createMetric(uid('del'));
    const user = uid();
    await s.client.metrics.event(m.key, { user: { id: user }, value: 4 });
    const res = await s.admin('DELETE', `/metrics?ids=${m.id}`);
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'DeleteMetricsResponse', res.body);
    assert.deepEqual(res.body, { deleted: [{ id: m.id }], issues: [] });
    expectError(await s.admin('GET', `/metrics/${m.id}`), 404, 'Metric not found');
    const list = await s.admin('GET', '/metrics?limit=100');
    assert.ok(!list.body.some((x) => x.id === m.id));
    await expectSdkError(s.client.metrics.event(m.key, { user: { id: user }, value: 1 }), 404, 'Metric not found');
    await expectSdkError(s.client.users.singleMetric(user, m.key), 404, 'Metric not found');
    const metrics = await s.client.users.allMetrics(user);
    assert.ok(!metrics.some((x) => x.key === m.key));
    const recreated = await s.createMetric(m.key);
    assert.notEqual(recreated.id, m.id);
    const fresh = await s.client.users.singleMetric(user, m.key);
    assert.equal(fresh.current, 0, 'a new metric with the old key starts from 0');
  });

  test('ADM-6 / GEN-10 comma-separated and repeated ids; non-UUID and unknown ids are issues', async () => {
    const a = await s.createMetric(uid('d'));
    const b = await s.createMetric(uid('d'));
    const c = await s.createMetric(uid('d'));
    const res = await s.admin('DELETE', `/metrics?ids=${a.id},${b.id}&ids=${c.id}&ids=nope,${UNKNOWN_UUID}`);
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'DeleteMetricsResponse', res.body);
    assert.deepEqual(res.body.deleted.map((d) => d.id).sort(), [a.id, b.id, c.id].sort());
    assert.deepEqual(
      res.body.issues.map((i) => [i.id, i.severity, i.message]).sort(),
      [
        ['nope', 'error', 'id must be a valid UUID'],
        [UNKNOWN_UUID, 'error', 'Metric not found by ID'],
      ].sort(),
    );
    const again = await s.admin('DELETE', `/metrics?ids=${a.id}`);
    assert.deepEqual(again.body, { deleted: [], issues: [{ id: a.id, severity: 'error', message: 'Metric not found by ID' }] });
  });

  test('ADM-6 ids are trimmed and empty items dropped (GEN-10); none or over 100 is 422', async () => {
    const a = await s.createMetric(uid('d'));
    const res = await s.admin('DELETE', `/metrics?ids=${encodeURIComponent(` ${a.id} ,,`)}`);
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body.deleted, [{ id: a.id }]);
    expectError(await s.admin('DELETE', '/metrics'), 422);
    expectError(await s.admin('DELETE', '/metrics?ids=,,'), 422);
    const ids = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expectError(await s.admin('DELETE', `/metrics?${ids.map((id) => `ids=${id}`).join('&')}`), 422);
  });
});

describe('ATTR-1..ATTR-5, ATTR-12 admin attributes', () => {
  test('ATTR-3 creates attributes: 201 and AdminAttribute; ATTR-2 the same key may exist once per type', async () => {
    const key = uid('a');
    const body = await postAttributes(
      [
        { name: 'Plan', key, type: 'user' },
        { name: 'Plan (event)', key, type: 'event' },
      ],
      201,
    );
    assert.deepEqual(body.issues, []);
    assert.deepEqual(
      body.created.map(({ name, key: k, type }) => ({ name, key: k, type })),
      [
        { name: 'Plan', key, type: 'user' },
        { name: 'Plan (event)', key, type: 'event' },
      ],
    );
    for (const a of body.created) {
      assert.match(a.id, UUID_V4);
      assertSchema('admin', 'AdminAttribute', a);
    }
    const dup = await postAttributes([{ name: 'Again', key, type: 'user' }], 200);
    assert.deepEqual(dup.issues, [
      { index: 0, severity: 'error', message: 'Key already in use by another attribute of this type' },
    ]);
  });

  test('ATTR-3 / ADM-10 item issues: name, key pattern, type', async () => {
    const res = await postAttributes(
      [
        { key: uid('a'), type: 'user' },
        { name: 'Bad', key: 'bad key', type: 'user' },
        { name: 'Type', key: uid('a'), type: 'session' },
        { name: 'Ok', key: uid('a'), type: 'event' },
      ],
      201,
    );
    assert.equal(res.created.length, 1);
    assert.deepEqual(res.issues, [
      { index: 0, severity: 'error', message: 'name must be a string' },
      { index: 1, severity: 'error', message: KEY_PATTERN_ISSUE },
      { index: 2, severity: 'error', message: 'type must be one of user, event' },
    ]);
    expectError(await s.admin('POST', '/attributes', { body: [] }), 422);
    expectError(await s.admin('POST', '/attributes', { body: { name: 'x' } }), 422);
  });

  test('ATTR-12 / ADM-3 / ADM-8 list and get; unknown or non-UUID id is 404 "Attribute not found"', async () => {
    const a = await s.createAttribute(uid('g'), 'user');
    const got = await s.admin('GET', `/attributes/${a.id}`);
    assert.equal(got.status, 200, got.text);
    assertSchema('admin', 'AdminAttribute', got.body);
    assert.deepEqual(got.body, a);
    const list = await s.admin('GET', '/attributes?limit=100');
    assert.equal(list.status, 200);
    assertSchema('admin', 'ListAttributesResponse', list.body);
    assert.ok(list.body.some((x) => x.id === a.id));
    const one = await s.admin('GET', '/attributes?limit=1&skip=0');
    assert.equal(one.body.length, 1);
    expectError(await s.admin('GET', `/attributes/${UNKNOWN_UUID}`), 404, 'Attribute not found');
    expectError(await s.admin('GET', '/attributes/xyz'), 404, 'Attribute not found');
    expectError(await s.admin('GET', '/attributes?limit=0'), 422, /limit/);
    expectError(await s.admin('GET', '/attributes?limit=101'), 422, /limit/);
    expectError(await s.admin('GET', '/attributes?skip=-3'), 422, /skip/);
  });

  test('ATTR-4 only the name changes; key and type in an item are ignored; unknown id is an issue', async () => {
    const a = await s.createAttribute(uid('r'), 'user');
    const res = await s.admin('PATCH', '/attributes', {
      body: [
        { id: a.id, name: 'New name', key: 'other', type: 'event' },
        { id: UNKNOWN_UUID, name: 'x' },
      ],
    });
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'UpdateAttributesResponse', res.body);
    assert.deepEqual(res.body.updated, [{ id: a.id, name: 'New name', key: a.key, type: 'user' }]);
    assert.deepEqual(res.body.issues, [{ id: UNKNOWN_UUID, severity: 'error', message: 'Attribute not found by ID' }]);
  });

  test('ATTR-5 delete: values disappear from User.attributes and the key becomes free; issues for bad ids', async () => {
    const key = uid('tmp');
    const a = await s.createAttribute(key, 'user');
    const user = uid();
    await s.client.users.create({ id: user, attributes: { [key]: 'v' } });
    const res = await s.admin('DELETE', `/attributes?ids=${a.id},bogus&ids=${UNKNOWN_UUID}`);
    assert.equal(res.status, 200, res.text);
    assertSchema('admin', 'DeleteAttributesResponse', res.body);
    assert.deepEqual(res.body.deleted, [{ id: a.id }]);
    assert.deepEqual(
      res.body.issues.map((i) => [i.id, i.message]).sort(),
      [
        ['bogus', 'id must be a valid UUID'],
        [UNKNOWN_UUID, 'Attribute not found by ID'],
      ].sort(),
    );
    const u = await s.client.users.get(user);
    assert.deepEqual(u.attributes, {});
    await expectSdkError(
      s.client.users.update(user, { attributes: { [key]: 'v' } }),
      422,
      `Invalid attribute keys: ${key}. Define these attributes before using them.`,
    );
    expectError(await s.admin('GET', `/attributes/${a.id}`), 404, 'Attribute not found');
    const again = await s.createAttribute(key, 'user');
    assert.notEqual(again.id, a.id);
  });

  test("ATTR-5 a deleted attribute's values do not come back with the user's next event, even under a new attribute of the same key", async () => {
    const key = uid('cohort');
    const a = await s.createAttribute(key, 'user');
    const metric = await s.createMetric(uid('m'));
    const user = uid();
    await s.client.metrics.event(metric.key, { user: { id: user, attributes: { [key]: 'a' } }, value: 1 });
    const res = await s.admin('DELETE', `/attributes?ids=${a.id}`);
    assert.deepEqual(res.body.deleted, [{ id: a.id }], res.text);
    assert.deepEqual((await s.client.users.get(user)).attributes, {});
    await s.createAttribute(key, 'user');
    await s.client.metrics.event(metric.key, { user: { id: user, email: 'someone@example.com' }, value: 1 });
    const after = await s.client.users.get(user);
    assert.equal(after.email, 'someone@example.com');
    assert.deepEqual(after.attributes, {}, 'the value kept in memory before the deletion must not be written back');
  });
});
