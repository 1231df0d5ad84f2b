// EVENT-8, EVENT-9, IDEM-3, BATCH-3, BATCH-7: concurrency and durability across kill -9.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { expectError, startServer, uid } from '../harness.mjs';
import { randomUUID } from 'node:crypto';

let s;
before(async () => {
  s = await startServer();
  await s.createMetrics([
    { name: 'Clicks', key: 'clicks' },
    { name: 'Points', key: 'pts' },
  ]);
});
after(async () => {
  await s?.stop();
});

test('EVENT-8 100 concurrent metrics.event calls for one user with value 1 leave the total exactly 100', async () => {
  const user = uid('conc');
  const results = await Promise.all(
    Array.from({ length: 100 }, () => s.client.metrics.event('clicks', { user: { id: user }, value: 1 }, { maxRetries: 0 })),
  );
  assert.equal(new Set(results.map((r) => r.eventId)).size, 100, 'a distinct event per call');
  const totals = results.map((r) => r.total).sort((a, b) => a - b);
  assert.deepEqual(totals, Array.from({ length: 100 }, (_, i) => i + 1), 'each reply saw a distinct sequential total');
  const metric = await s.client.users.singleMetric(user, 'clicks');
  assert.equal(metric.current, 100);
});

test('EVENT-8 concurrent events for many users and two metrics lose nothing', async () => {
  const users = Array.from({ length: 10 }, () => uid('many'));
  const calls = [];
  for (const user of users) {
    for (let i = 0; i < 10; i++) {
      calls.push(s.client.metrics.event('clicks', { user: { id: user }, value: 1 }, { maxRetries: 0 }));
      calls.push(s.client.metrics.event('pts', { user: { id: user }, value: 0.5 }, { maxRetries: 0 }));
    }
  }
  await Promise.all(calls);
  for (const user of users) {
    const metrics = await s.client.users.allMetrics(user);
    assert.deepEqual(
      metrics.map((m) => [m.key, m.current]),
      [
        ['clicks', 10],
        ['pts', 5],
      ],
    );
  }
});

test('USER-6 / EVENT-8 concurrent POST /users of one id: exactly one 201, the others 400 "already exists"', async () => {
  const id = uid('race');
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => s.app('POST', '/users', { body: { id, name: `n${i}` } })));
  const statuses = results.map((r) => r.status).sort();
  assert.deepEqual(statuses, [201, ...Array(9).fill(400)], statuses.join(','));
  for (const r of results.filter((x) => x.status === 400)) assert.equal(r.body.error, `User ${id} already exists`);
  const winner = results.find((r) => r.status === 201).body.name;
  assert.equal((await s.client.users.get(id)).name, winner);
});

test('BATCH-4 / EVENT-8 batch items and concurrent single events for the same user both count', async () => {
  const user = uid('mixed');
  const accepted = await s.admin('POST', '/metrics/events', {
    body: Array.from({ length: 50 }, () => ({ key: 'clicks', user: { id: user }, value: 1 })),
  });
  assert.equal(accepted.status, 202, accepted.text);
  await Promise.all(
    Array.from({ length: 50 }, () => s.client.metrics.event('clicks', { user: { id: user }, value: 1 }, { maxRetries: 0 })),
  );
  await s.waitFor(async () => (await s.client.users.singleMetric(user, 'clicks')).current === 100, {
    what: 'batch and single events to total 100',
  });
});

test('EVENT-9 acknowledged events, users and idempotency keys survive kill -9 and restart on the same data', async () => {
  const user = uid('durable');
  const N = 40;
  const keys = Array.from({ length: N }, () => randomUUID());
  // Half sequential, half concurrent: every call is acknowledged (201) before the kill.
  for (let i = 0; i < N / 2; i++) {
    const r = await s.client.metrics.event('clicks', { idempotencyKey: keys[i], user: { id: user, name: 'Durable' }, value: 1 });
    assert.equal(r.idempotentReplayed, false);
  }
  await Promise.all(
    keys
      .slice(N / 2)
      .map((idempotencyKey) => s.client.metrics.event('clicks', { idempotencyKey, user: { id: user }, value: 1 }, { maxRetries: 0 })),
  );
  const appKey = await s.createAppKey(user);
  await s.client.users.updatePreferences(user, { notifications: { recap: ['email'] } });
  const last = await s.client.metrics.event('pts', { user: { id: user }, value: 2.75 });
  assert.equal(last.total, 2.75);

  const pidBefore = s.pid();
  await s.kill9();
  await s.restart();
  assert.notEqual(s.pid(), pidBefore, 'a new server process');

  const metrics = await s.client.users.allMetrics(user);
  assert.deepEqual(
    metrics.map((m) => [m.key, m.current]),
    [
      ['clicks', N],
      ['pts', 2.75],
    ],
  );
  const u = await s.client.users.get(user);
  assert.equal(u.name, 'Durable');
  const prefs = await s.client.users.getPreferences(user);
  assert.deepEqual(prefs.notifications.recap, ['email']);
  // Idempotency keys are remembered forever (IDEM-3): a replay after the restart is a 202.
  const replay = await s.app('POST', '/metrics/clicks/event', {
    body: { user: { id: user }, value: 1 },
    headers: { 'Idempotency-Key': keys[0] },
  });
  assert.equal(replay.status, 202, replay.text);
  assert.equal(replay.body.total, N);
  // Keys survive too (AUTH-5 storage), and the metric configuration.
  const viaAppKey = await s.clientWith(appKey.key).users.singleMetric(user, 'clicks');
  assert.equal(viaAppKey.current, N);
});

test('BATCH-3 / BATCH-7 an accepted batch survives kill -9 right after the 202 and is applied exactly once', async () => {
  const user = uid('batchdur');
  const items = Array.from({ length: 200 }, (_, i) => ({ key: 'clicks', user: { id: user }, value: 1, idempotencyKey: `b-${i}` }));
  items.push(...Array.from({ length: 200 }, () => ({ key: 'pts', user: { id: user }, value: 2 })));
  const res = await s.admin('POST', '/metrics/events', { body: items });
  assert.equal(res.status, 202, res.text);
  assert.deepEqual(res.body, { accepted: 400 });
  await s.kill9();
  await s.restart();
  const done = async () => {
    const r = await s.app('GET', `/users/${user}/metrics`);
    if (r.status !== 200) return false;
    const byKey = Object.fromEntries(r.body.map((m) => [m.key, m.current]));
    return byKey.clicks === 200 && byKey.pts === 400 ? byKey : false;
  };
  await s.waitFor(done, { timeoutMs: 60_000, what: 'the batch to be processed after the restart' });
  // A barrier batch processed after it: the totals have not moved (no item applied twice).
  const barrierUser = uid('barrier');
  await s.admin('POST', '/metrics/events', { body: [{ key: 'clicks', user: { id: barrierUser }, value: 1 }] });
  await s.waitFor(async () => (await s.app('GET', `/users/${barrierUser}/metrics/clicks`)).body?.current === 1, {
    what: 'the barrier batch',
  });
  assert.deepEqual(await done(), { clicks: 200, pts: 400 });
});

test('EVENT-9 a graceful restart keeps everything too, and a refused event after it still changes nothing', async () => {
  const user = uid('graceful');
  await s.client.metrics.event('clicks', { user: { id: user }, value: 3 });
  await s.restart();
  assert.equal((await s.client.users.singleMetric(user, 'clicks')).current, 3);
  expectError(
    await s.app('POST', '/metrics/clicks/event', { body: { user: { id: user, tz: 'Bad/Zone' }, value: 1 } }),
    422,
    'Invalid timezone: Bad/Zone',
  );
  assert.equal((await s.client.users.singleMetric(user, 'clicks')).current, 3);
});
