// IDEM-1..IDEM-7 and SDK-11: Idempotency-Key on POST /metrics/{key}/event.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSchema, expectError, expectSdkError, startServer, uid } from '../harness.mjs';
import { randomUUID } from 'node:crypto';

let s;
before(async () => {
  s = await startServer();
  await s.createMetrics([
    { name: 'Words', key: 'words' },
    { name: 'Chapters', key: 'chapters' },
  ]);
});
after(async () => {
  await s?.stop();
});

function send(key, body, idem) {
  return s.app('POST', `/metrics/${key}/event`, {
    body,
    headers: idem === undefined ? {} : { 'Idempotency-Key': idem },
  });
}

async function total(user, metric = 'words') {
  return (await s.client.users.singleMetric(user, metric)).current;
}

describe('IDEM-4 / IDEM-5 replays', () => {
  test('IDEM-5 first use: 201 with idempotencyKey and idempotentReplayed false', async () => {
    const key = randomUUID();
    const res = await send('words', { user: { id: uid() }, value: 10 }, key);
    assert.equal(res.status, 201, res.text);
    assertSchema('app', 'EventResponse', res.body);
    assert.equal(res.body.idempotencyKey, key);
    assert.equal(res.body.idempotentReplayed, false);
  });

  test('IDEM-4 same key twice: the second is 202 with idempotentReplayed true, the original eventId, counted once', async () => {
    const user = uid();
    const key = randomUUID();
    const first = await send('words', { user: { id: user }, value: 10 }, key);
    const second = await send('words', { user: { id: user }, value: 10 }, key);
    assert.equal(first.status, 201, first.text);
    assert.equal(second.status, 202, second.text);
    assertSchema('app', 'EventResponse', second.body);
    assert.equal(second.body.idempotentReplayed, true);
    assert.equal(second.body.idempotencyKey, key);
    assert.equal(second.body.eventId, first.body.eventId);
    assert.equal(second.body.metricId, first.body.metricId);
    assert.equal(second.body.total, 10);
    assert.deepEqual(second.body.achievements, []);
    assert.deepEqual(second.body.points, {});
    assert.deepEqual(second.body.leaderboards, {});
    assert.equal(second.body.currentStreak.extended, false);
    assert.equal(await total(user), 10);
  });

  test('IDEM-4 / SDK-11 through the SDK the same event sent twice counts once and the second reply says replayed', async () => {
    const user = uid();
    const idempotencyKey = randomUUID();
    const first = await s.client.metrics.event('words', { idempotencyKey, user: { id: user }, value: 7 });
    const second = await s.client.metrics.event('words', { idempotencyKey, user: { id: user }, value: 7 });
    assert.equal(first.idempotentReplayed, false);
    assert.equal(first.idempotencyKey, idempotencyKey);
    assert.equal(second.idempotentReplayed, true, 'the 202 replay is a normal SDK result');
    assert.equal(second.eventId, first.eventId);
    assert.equal(second.total, 7);
    assert.equal(await total(user), 7);
  });

  test('IDEM-4 the replay reflects the current total and ignores a different value', async () => {
    const user = uid();
    const key = randomUUID();
    await send('words', { user: { id: user }, value: 5 }, key);
    await send('words', { user: { id: user }, value: 3 });
    const replay = await send('words', { user: { id: user }, value: 1000 }, key);
    assert.equal(replay.status, 202, replay.text);
    assert.equal(replay.body.total, 8, 'current total, the different value is not added');
    assert.equal(await total(user), 8);
  });

  test('IDEM-4 a replay changes no user fields', async () => {
    const user = uid();
    const key = randomUUID();
    await send('words', { user: { id: user, name: 'Original' }, value: 1 }, key);
    const replay = await send('words', { user: { id: user, name: 'Replayed', tz: 'Asia/Tokyo' }, value: 1 }, key);
    assert.equal(replay.status, 202);
    const u = await s.client.users.get(user);
    assert.equal(u.name, 'Original');
    assert.equal(u.tz ?? null, null);
  });

  test('IDEM-4 a replay is still validated first (EVENT-2 steps 1-4)', async () => {
    const user = uid();
    const key = randomUUID();
    await send('words', { user: { id: user }, value: 1 }, key);
    expectError(await send('words', { user: { id: user, tz: 'Nowhere/Land' }, value: 1 }, key), 422, 'Invalid timezone: Nowhere/Land');
    expectError(await send('words', { user: { id: user }, value: 'x' }, key), 400);
    expectError(await send('no-such-metric', { user: { id: user }, value: 1 }, key), 404, 'Metric not found');
    assert.equal(await total(user), 1);
  });
});

describe('IDEM-1 the header', () => {
  test('IDEM-1 a key over 255 characters is 422 with the exact message; 255 is fine', async () => {
    const user = uid();
    const long = 'k'.repeat(256);
    expectError(await send('words', { user: { id: user }, value: 1 }, long), 422, 'Idempotency-Key must be at most 255 characters');
    await expectSdkError(
      s.client.metrics.event('words', { idempotencyKey: long, user: { id: user }, value: 1 }),
      422,
      'Idempotency-Key must be at most 255 characters',
    );
    expectError(await s.app('GET', `/users/${user}`), 404, 'User not found');
    const ok = await send('words', { user: { id: user }, value: 1 }, 'k'.repeat(255));
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.idempotencyKey, 'k'.repeat(255));
  });

  test('IDEM-1 an empty or whitespace-only header is treated as absent', async () => {
    const user = uid();
    for (const header of ['', '   ']) {
      const res = await send('words', { user: { id: user }, value: 1 }, header);
      assert.equal(res.status, 201, res.text);
      assert.ok(!('idempotencyKey' in res.body), `no idempotencyKey for ${JSON.stringify(header)}`);
      assert.ok(!('idempotentReplayed' in res.body));
    }
    assert.equal(await total(user), 2, 'both events counted');
  });

  test('GEN-13 the header name is case-insensitive', async () => {
    const user = uid();
    const key = randomUUID();
    const a = await s.app('POST', '/metrics/words/event', { body: { user: { id: user }, value: 1 }, headers: { 'idempotency-key': key } });
    const b = await s.app('POST', '/metrics/words/event', { body: { user: { id: user }, value: 1 }, headers: { 'IDEMPOTENCY-KEY': key } });
    assert.equal(a.status, 201);
    assert.equal(b.status, 202);
  });
});

describe('IDEM-2 / IDEM-6 scope and failures', () => {
  test('IDEM-2 the same key for different users or metrics does not interfere', async () => {
    const key = randomUUID();
    const u1 = uid();
    const u2 = uid();
    const a = await send('words', { user: { id: u1 }, value: 1 }, key);
    const b = await send('words', { user: { id: u2 }, value: 2 }, key);
    const c = await send('chapters', { user: { id: u1 }, value: 3 }, key);
    assert.deepEqual([a.status, b.status, c.status], [201, 201, 201]);
    assert.deepEqual([a.body.idempotentReplayed, b.body.idempotentReplayed, c.body.idempotentReplayed], [false, false, false]);
    assert.equal(await total(u1), 1);
    assert.equal(await total(u2), 2);
    assert.equal(await total(u1, 'chapters'), 3);
    const replay = await send('chapters', { user: { id: u1 }, value: 3 }, key);
    assert.equal(replay.status, 202);
  });

  test('IDEM-6 a failed request does not consume the key', async () => {
    const user = uid();
    const key = randomUUID();
    expectError(await send('words', { user: { id: user, email: 'broken' }, value: 4 }, key), 422, 'Invalid email');
    expectError(await send('words', { user: { id: user }, value: '4' }, key), 400);
    const ok = await send('words', { user: { id: user }, value: 4 }, key);
    assert.equal(ok.status, 201, ok.text);
    assert.equal(ok.body.idempotentReplayed, false);
    assert.equal(await total(user), 4);
  });
});

test('IDEM-7 20 concurrent requests with the same key: exactly one 201, the rest 202, counted once', async () => {
  const user = uid();
  const key = randomUUID();
  await s.client.users.create({ id: user });
  const results = await Promise.all(Array.from({ length: 20 }, () => send('words', { user: { id: user }, value: 1 }, key)));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, ...Array(19).fill(202)], `statuses: ${statuses.join(',')}`);
  const eventIds = new Set(results.map((r) => r.body.eventId));
  assert.equal(eventIds.size, 1, 'every reply names the one processed event');
  for (const r of results) assert.equal(r.body.idempotentReplayed, r.status === 202);
  assert.equal(await total(user), 1);
});

test('IDEM-7 / SDK-11 concurrent SDK calls with one key for a new user also count once', async () => {
  const user = uid();
  const idempotencyKey = randomUUID();
  const results = await Promise.all(
    Array.from({ length: 20 }, () =>
      s.client.metrics.event('words', { idempotencyKey, user: { id: user }, value: 2 }, { maxRetries: 0 }),
    ),
  );
  assert.equal(results.filter((r) => r.idempotentReplayed === false).length, 1);
  assert.equal(results.filter((r) => r.idempotentReplayed === true).length, 19);
  assert.equal(await total(user), 2);
});
