// EVENT-1..EVENT-6, METRIC-6..METRIC-9, GEN-8: single metric events through the SDK and on the
// wire, and the user metric endpoints. The server starts from examples/study-platform.yaml.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertResponse, assertSchema, expectError, expectSdkError, startServer, uid, UUID_V4 } from '../harness.mjs';

// The metrics and attributes of examples/study-platform.yaml, in file order.
const CONFIG_METRICS = ['flashcards-flipped', 'quizzes-completed', 'lessons-completed', 'minutes-studied', 'course-purchases'];

let s;
let extra;
before(async () => {
  s = await startServer({ config: 'examples/study-platform.yaml' });
  extra = await s.createMetric('xp-earned', { units: 'xp' });
});
after(async () => {
  await s?.stop();
});

async function rawEvent(key, body, headers) {
  const res = await s.app('POST', `/metrics/${key}/event`, { body, headers });
  return res;
}

describe('EVENT-1 / EVENT-5 POST /metrics/{key}/event', () => {
  test('EVENT-1 the SDK call returns an EventResponse; 201 on the wire with the contract shape', async () => {
    const id = uid();
    const viaSdk = await s.client.metrics.event('flashcards-flipped', { user: { id }, value: 3 });
    assert.match(viaSdk.eventId, UUID_V4);
    assert.equal(viaSdk.total, 3);
    const res = await rawEvent('flashcards-flipped', { user: { id }, value: 2 });
    assert.equal(res.status, 201, res.text);
    assertSchema('app', 'EventResponse', res.body);
    assertResponse('app', 'POST', '/metrics/{key}/event', 201, res.body);
    assert.equal(res.body.total, 5);
    assert.equal(res.body.metricId, viaSdk.metricId);
    assert.notEqual(res.body.eventId, viaSdk.eventId);
    assert.deepEqual(res.body.achievements, []);
    assert.deepEqual(res.body.points, {});
    assert.deepEqual(res.body.leaderboards, {});
  });

  test('EVENT-5 / IDEM-5 without an Idempotency-Key the response has neither idempotency field', async () => {
    const res = await rawEvent('quizzes-completed', { user: { id: uid() }, value: 1 });
    assert.equal(res.status, 201);
    assert.ok(!('idempotencyKey' in res.body));
    assert.ok(!('idempotentReplayed' in res.body));
  });

  test('EVENT-6 with streaks off for the user currentStreak is the disabled object', async () => {
    // The example configures a streak (CFG-18); a user who switched streaks off gets EVENT-6's object.
    const id = uid();
    await s.app('PUT', `/users/${id}`, { body: {} });
    await s.app('PATCH', `/users/${id}/preferences`, { body: { streak: { enabled: false } } });
    const res = await rawEvent('quizzes-completed', { user: { id }, value: 1 });
    assert.deepEqual(res.body.currentStreak, {
      length: 0,
      frequency: 'daily',
      started: null,
      periodStart: null,
      periodEnd: null,
      expires: null,
      extended: false,
    });
    assertSchema('app', 'MetricEventStreakResponse', res.body.currentStreak);
  });

  test('EVENT-5 metricId is the admin id of the metric', async () => {
    const ev = await s.client.metrics.event('xp-earned', { user: { id: uid() }, value: 1 });
    assert.equal(ev.metricId, extra.id);
  });
});

describe('EVENT-3 / METRIC-6 / GEN-8 values and totals', () => {
  test('GEN-8 integer totals are emitted without a fractional part', async () => {
    const id = uid();
    const res = await rawEvent('minutes-studied', { user: { id }, value: 3.0 });
    assert.match(res.text, /"total":3[,}]/);
    const res2 = await rawEvent('minutes-studied', { user: { id }, value: 1.5 });
    const res3 = await rawEvent('minutes-studied', { user: { id }, value: 1.5 });
    assert.match(res2.text, /"total":4\.5[,}]/);
    assert.match(res3.text, /"total":6[,}]/, `1.5 + 1.5 gives 6, not 6.0: ${res3.text}`);
    const metric = await s.app('GET', `/users/${id}/metrics/minutes-studied`);
    assert.match(metric.text, /"current":6[,}]/);
  });

  test('METRIC-6 totals are exact decimals: 0.1 + 0.2 is 0.3', async () => {
    const id = uid();
    await s.client.metrics.event('minutes-studied', { user: { id }, value: 0.1 });
    const res = await rawEvent('minutes-studied', { user: { id }, value: 0.2 });
    assert.match(res.text, /"total":0\.3[,}]/, res.text);
    assert.equal(res.body.total, 0.3);
  });

  test('METRIC-6 values keep at most 10 fractional digits (half-even)', async () => {
    const id = uid();
    const res = await rawEvent('minutes-studied', { user: { id }, value: 0.12345678901234 });
    assert.equal(res.status, 201, res.text);
    assert.match(res.text, /"total":0\.123456789[,}]/, res.text);
    const half = await rawEvent('minutes-studied', { user: { id: uid() }, value: 0.00000000005 });
    assert.match(half.text, /"total":0[,}]/, `5e-11 rounds half-even to 0: ${half.text}`);
    const up = await rawEvent('minutes-studied', { user: { id: uid() }, value: 0.00000000015 });
    assert.match(up.text, /"total":2e-10[,}]|"total":0\.0000000002[,}]/, up.text);
  });

  test('EVENT-3 negative values lower the total (it may go below zero); zero is still an event', async () => {
    const id = uid();
    await s.client.metrics.event('quizzes-completed', { user: { id }, value: 2 });
    const lower = await s.client.metrics.event('quizzes-completed', { user: { id }, value: -5 });
    assert.equal(lower.total, -3);
    const zero = await s.client.metrics.event('quizzes-completed', { user: { id }, value: 0 });
    assert.equal(zero.total, -3);
    assert.notEqual(zero.eventId, lower.eventId);
    const m = await s.client.users.singleMetric(id, 'quizzes-completed');
    assert.equal(m.current, -3);
  });

  test('EVENT-2 |value| up to 1e12 is accepted; beyond is 422 "value is out of range"', async () => {
    const id = uid();
    const max = await s.client.metrics.event('flashcards-flipped', { user: { id }, value: 1e12 });
    assert.equal(max.total, 1e12);
    const res = await rawEvent('flashcards-flipped', { user: { id }, value: 1000000000001 });
    expectError(res, 422, 'value is out of range');
    await expectSdkError(
      s.client.metrics.event('flashcards-flipped', { user: { id }, value: -1e13 }),
      422,
      'value is out of range',
    );
    assert.equal((await s.client.users.singleMetric(id, 'flashcards-flipped')).current, 1e12);
  });
});

describe('USER-3 / USER-5 inline identification', () => {
  test('USER-3 an event creates its user with the given fields', async () => {
    const id = uid();
    await s.client.metrics.event('lessons-completed', {
      user: { id, name: 'Inline', email: 'inline@example.com', tz: 'Asia/Tokyo', attributes: { plan: 'pro' } },
      value: 1,
    });
    const u = await s.client.users.get(id);
    assert.equal(u.name, 'Inline');
    assert.equal(u.email, 'inline@example.com');
    assert.equal(u.tz, 'Asia/Tokyo');
    assert.deepEqual(u.attributes, { plan: 'pro' });
  });

  test('USER-5 an event updates the fields it carries and leaves the others', async () => {
    const id = uid();
    await s.client.users.create({ id, name: 'Before', tz: 'Europe/Berlin', attributes: { plan: 'free', country: 'DE' } });
    await s.client.metrics.event('lessons-completed', { user: { id, name: 'After', attributes: { plan: 'pro' } }, value: 1 });
    const u = await s.client.users.get(id);
    assert.equal(u.name, 'After');
    assert.equal(u.tz, 'Europe/Berlin');
    assert.deepEqual(u.attributes, { plan: 'pro', country: 'DE' });
  });
});

describe('USER-11 events and the updated timestamp', () => {
  test('USER-11 an event that changes no user field leaves updated alone; one that does moves it', async () => {
    const id = uid();
    const created = await s.app('POST', '/users', { body: { id, name: 'Same' } });
    await new Promise((r) => setTimeout(r, 15));
    await s.client.metrics.event('lessons-completed', { user: { id, name: 'Same' }, value: 1 });
    assert.equal((await s.app('GET', `/users/${id}`)).body.updated, created.body.updated);
    await new Promise((r) => setTimeout(r, 15));
    await s.client.metrics.event('lessons-completed', { user: { id, name: 'Different' }, value: 1 });
    const after = (await s.app('GET', `/users/${id}`)).body;
    assert.ok(Date.parse(after.updated) > Date.parse(created.body.updated));
    assert.equal(after.created, created.body.created);
  });

  test('GEN-6 null event attributes and null user fields are treated as absent', async () => {
    const id = uid();
    await s.client.users.create({ id, name: 'Keeps' });
    const res = await s.app('POST', '/metrics/lessons-completed/event', {
      body: { user: { id, name: null, tz: null, attributes: null }, value: 1, attributes: null },
    });
    assert.equal(res.status, 201, res.text);
    assert.equal((await s.client.users.get(id)).name, 'Keeps');
  });
});

describe('EVENT-2 validation order and messages', () => {
  test('EVENT-2 an unknown metric is 404 "Metric not found" (through the SDK and on the wire)', async () => {
    const id = uid();
    await expectSdkError(s.client.metrics.event('no-such-metric', { user: { id }, value: 1 }), 404, 'Metric not found');
    expectError(await rawEvent('no-such-metric', { user: { id }, value: 1 }), 404, 'Metric not found');
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
  });

  test('EVENT-2 step 2 before 3: a malformed body to an unknown metric is 400', async () => {
    expectError(await rawEvent('no-such-metric', { user: { id: 'x' }, value: 'one' }), 400);
    expectError(await rawEvent('no-such-metric', '{broken'), 400);
  });

  test('EVENT-2 step 3 before 4: an unknown metric with an invalid tz is 404', async () => {
    expectError(await rawEvent('no-such-metric', { user: { id: 'x', tz: 'Bad/Zone' }, value: 1 }), 404, 'Metric not found');
  });

  test('EVENT-2 step 4: tz, email, subscribeToEmails, user id length are 422 with their messages', async () => {
    const id = uid();
    await expectSdkError(
      s.client.metrics.event('quizzes-completed', { user: { id, tz: 'Moon/Base' }, value: 1 }),
      422,
      'Invalid timezone: Moon/Base',
    );
    await expectSdkError(
      s.client.metrics.event('quizzes-completed', { user: { id, email: 'not-an-email' }, value: 1 }),
      422,
      'Invalid email',
    );
    await expectSdkError(
      s.client.metrics.event('quizzes-completed', { user: { id, subscribeToEmails: true }, value: 1 }),
      422,
      'An email is required when subscribeToEmails is true',
    );
    expectError(await rawEvent('quizzes-completed', { user: { id: 'x'.repeat(256) }, value: 1 }), 422);
    expectError(await rawEvent('quizzes-completed', { user: { id: '' }, value: 1 }), 422);
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
  });

  test('ATTR-6 unknown user and event attribute keys are 422 with the exact message, in request order', async () => {
    const id = uid();
    await expectSdkError(
      s.client.metrics.event('flashcards-flipped', {
        user: { id, attributes: { plan: 'pro', pln: 'x', devise: 'EUR' } },
        value: 1,
      }),
      422,
      'Invalid attribute keys: pln, devise. Define these attributes before using them.',
    );
    await expectSdkError(
      s.client.metrics.event('flashcards-flipped', {
        user: { id },
        value: 1,
        attributes: { colour: 'red', deck: 'spanish', plan: 'pro' },
      }),
      422,
      'Invalid attribute keys: colour, plan. Define these attributes before using them.',
    );
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
    const ok = await s.client.metrics.event('flashcards-flipped', {
      user: { id, attributes: { plan: 'pro' } },
      value: 1,
      attributes: { deck: 'spanish', device: 'ios' },
    });
    assert.equal(ok.total, 1);
  });

  test('ERR-6 a refused event changes nothing for an existing user', async () => {
    const id = uid();
    await s.client.metrics.event('lessons-completed', { user: { id, name: 'Stable' }, value: 2 });
    await expectSdkError(
      s.client.metrics.event('lessons-completed', { user: { id, name: 'Changed', tz: 'Bad/Zone' }, value: 5 }),
      422,
      'Invalid timezone: Bad/Zone',
    );
    const u = await s.client.users.get(id);
    assert.equal(u.name, 'Stable');
    assert.equal((await s.client.users.singleMetric(id, 'lessons-completed')).current, 2);
  });
});

describe('METRIC-7 / METRIC-8 / METRIC-9 user metrics', () => {
  test('METRIC-7 all active metrics in creation order, unused ones with current 0; SDK-3 status "active"', async () => {
    const id = uid();
    await s.client.metrics.event('lessons-completed', { user: { id }, value: 4 });
    const res = await s.app('GET', `/users/${id}/metrics`);
    assert.equal(res.status, 200, res.text);
    assertResponse('app', 'GET', '/users/{id}/metrics', 200, res.body);
    const keys = res.body.map((m) => m.key);
    assert.deepEqual(keys.slice(0, CONFIG_METRICS.length), CONFIG_METRICS);
    assert.ok(keys.includes('xp-earned'));
    for (const m of res.body) {
      assert.equal(m.status, 'active');
      // METRIC-9: the example has achievements on flashcards-flipped only; none is completed here.
      for (const a of m.achievements) assert.deepEqual([a.metricId, a.achievedAt], [m.id, null]);
      if (m.key !== 'flashcards-flipped') assert.deepEqual(m.achievements, []);
      assert.equal(m.current, m.key === 'lessons-completed' ? 4 : 0);
    }
    assert.match(res.text, /"current":0[,}]/);
    const viaSdk = await s.client.users.allMetrics(id);
    assert.deepEqual(
      viaSdk.map((m) => [m.key, m.current]),
      res.body.map((m) => [m.key, m.current]),
    );
    assert.equal(res.body.find((m) => m.key === 'xp-earned').id, extra.id);
    assert.equal(res.body.find((m) => m.key === 'xp-earned').name, extra.name);
  });

  test('METRIC-8 single metric: 200 MetricResponse; unknown user or metric is 404 with its message', async () => {
    const id = uid();
    await s.client.users.create({ id });
    const res = await s.app('GET', `/users/${id}/metrics/course-purchases`);
    assert.equal(res.status, 200, res.text);
    assertSchema('app', 'MetricResponse', res.body);
    assert.equal(res.body.current, 0);
    assert.equal(res.body.status, 'active');
    const viaSdk = await s.client.users.singleMetric(id, 'course-purchases');
    assert.equal(viaSdk.key, 'course-purchases');
    assert.equal(viaSdk.name, 'Course purchases');
    await expectSdkError(s.client.users.singleMetric(id, 'nope'), 404, 'Metric not found');
    await expectSdkError(s.client.users.singleMetric(uid(), 'course-purchases'), 404, 'User not found');
    await expectSdkError(s.client.users.allMetrics(uid()), 404, 'User not found');
  });
});
