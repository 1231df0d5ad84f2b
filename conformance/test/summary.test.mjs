// SUM-1..SUM-5 and TIME-3/TIME-4: GET /users/{id}/metrics/{key}/event-summary through the SDK
// and on the wire. The server's clock is real, so every event happens "today"; the tests place
// ranges around today's local date in the user's zone.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, assertResponse, expectError, expectSdkError, localDate, startServer, uid } from '../harness.mjs';

const PATH = '/users/{id}/metrics/{key}/event-summary';

let s;
before(async () => {
  s = await startServer();
  await s.createMetric('reps');
});
after(async () => {
  await s?.stop();
});

async function summary(user, query, metric = 'reps') {
  const qs = new URLSearchParams(query).toString();
  const res = await s.app('GET', `/users/${user}/metrics/${metric}/event-summary?${qs}`);
  assert.equal(res.status, 200, res.text);
  assertResponse('app', 'GET', PATH, 200, res.body);
  return res;
}

/** SUM-5: consecutive totals differ by exactly the later entry's change. */
function assertInvariant(entries) {
  for (let i = 1; i < entries.length; i++) {
    const diff = entries[i].total - entries[i - 1].total;
    assert.ok(
      Math.abs(diff - entries[i].change) < 1e-9,
      `SUM-5 broken between ${entries[i - 1].date} and ${entries[i].date}: ${JSON.stringify(entries)}`,
    );
  }
}

function mondayOf(date) {
  const d = new Date(`${date}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7; // days since Monday
  return addDays(date, -back);
}

/** A user in `tz` with events of `values` (all today); returns {id, today}. */
async function userWithEvents(values, tz = 'UTC') {
  const id = uid();
  await s.client.users.create({ id, tz });
  for (const value of values) await s.client.metrics.event('reps', { user: { id }, value });
  return { id, today: localDate(tz) };
}

describe('SUM-3 / SUM-4 buckets', () => {
  test('SUM-3 daily: one entry per day, ascending, no gaps; SUM-4 past days 0, today the total', async () => {
    const { id, today } = await userWithEvents([5, 7]);
    const start = addDays(today, -3);
    const viaSdk = await s.client.users.metricEventSummary(id, 'reps', { aggregation: 'daily', startDate: start, endDate: today });
    assert.deepEqual(viaSdk, [
      { date: start, total: 0, change: 0 },
      { date: addDays(today, -2), total: 0, change: 0 },
      { date: addDays(today, -1), total: 0, change: 0 },
      { date: today, total: 12, change: 12 },
    ]);
    const res = await summary(id, { aggregation: 'daily', startDate: start, endDate: today });
    assert.deepEqual(res.body, viaSdk);
    assert.match(res.text, /"total":12,"change":12|"change":12,"total":12/);
    assertInvariant(res.body);
  });

  test('SUM-4 buckets entirely in the future carry the current total with change 0', async () => {
    const { id, today } = await userWithEvents([3, -1]);
    const res = await summary(id, { aggregation: 'daily', startDate: addDays(today, -1), endDate: addDays(today, 2) });
    assert.deepEqual(res.body, [
      { date: addDays(today, -1), total: 0, change: 0 },
      { date: today, total: 2, change: 2 },
      { date: addDays(today, 1), total: 2, change: 0 },
      { date: addDays(today, 2), total: 2, change: 0 },
    ]);
    assertInvariant(res.body);
  });

  test('SUM-3 / TIME-4 weekly buckets start on Monday, and the first may precede startDate', async () => {
    const { id, today } = await userWithEvents([4]);
    const start = addDays(today, -16);
    const res = await summary(id, { aggregation: 'weekly', startDate: start, endDate: today });
    const first = mondayOf(start);
    const expectedDates = [];
    for (let d = first; d <= today; d = addDays(d, 7)) expectedDates.push(d);
    assert.deepEqual(res.body.map((e) => e.date), expectedDates);
    for (const e of res.body) assert.equal(new Date(`${e.date}T00:00:00Z`).getUTCDay(), 1, `${e.date} is a Monday`);
    const last = res.body.at(-1);
    assert.deepEqual(last, { date: mondayOf(today), total: 4, change: 4 });
    assert.ok(res.body.slice(0, -1).every((e) => e.total === 0 && e.change === 0));
    assertInvariant(res.body);
  });

  test('SUM-3 monthly buckets start on the first of the month', async () => {
    const { id, today } = await userWithEvents([2.5, 2.5]);
    const start = addDays(today, -70);
    const res = await summary(id, { aggregation: 'monthly', startDate: start, endDate: today });
    const dates = res.body.map((e) => e.date);
    assert.equal(dates[0], `${start.slice(0, 7)}-01`);
    assert.equal(dates.at(-1), `${today.slice(0, 7)}-01`);
    for (const d of dates) assert.match(d, /^\d{4}-\d{2}-01$/);
    for (let i = 1; i < dates.length; i++) {
      const prev = new Date(`${dates[i - 1]}T00:00:00Z`);
      prev.setUTCMonth(prev.getUTCMonth() + 1);
      assert.equal(dates[i], prev.toISOString().slice(0, 10), 'no gaps between months');
    }
    assert.deepEqual(res.body.at(-1), { date: `${today.slice(0, 7)}-01`, total: 5, change: 5 });
    assert.match(res.text, /"total":5[,}]/, 'GEN-8: 2.5 + 2.5 is 5, not 5.0');
    assertInvariant(res.body);
  });

  test('SUM-4 fractional and negative changes; SUM-5 holds', async () => {
    const { id, today } = await userWithEvents([0.25, -1, 0.5]);
    const res = await summary(id, { aggregation: 'daily', startDate: addDays(today, -1), endDate: addDays(today, 1) });
    assert.deepEqual(res.body, [
      { date: addDays(today, -1), total: 0, change: 0 },
      { date: today, total: -0.25, change: -0.25 },
      { date: addDays(today, 1), total: -0.25, change: 0 },
    ]);
    assertInvariant(res.body);
  });

  test('SUM-2 equal start and end dates give one bucket', async () => {
    const { id, today } = await userWithEvents([1]);
    const res = await summary(id, { aggregation: 'daily', startDate: today, endDate: today });
    assert.deepEqual(res.body, [{ date: today, total: 1, change: 1 }]);
  });

  test('SUM-4 a user with no events gets zero buckets for a metric', async () => {
    const id = uid();
    await s.client.users.create({ id });
    const today = localDate('UTC');
    const res = await summary(id, { aggregation: 'daily', startDate: addDays(today, -2), endDate: today });
    assert.deepEqual(res.body.map((e) => [e.total, e.change]), [
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });
});

describe('TIME-3 local dates of events', () => {
  test('TIME-3 an event is dated in the user\'s zone at processing time (UTC+14 and UTC-12 users differ)', async () => {
    const east = await userWithEvents([9], 'Pacific/Kiritimati');
    const west = await userWithEvents([9], 'Etc/GMT+12');
    assert.notEqual(east.today, west.today, 'UTC+14 and UTC-12 are never on the same date');
    const range = { aggregation: 'daily', startDate: addDays(west.today, -1), endDate: addDays(east.today, 1) };
    const e = (await summary(east.id, range)).body;
    const w = (await summary(west.id, range)).body;
    assert.equal(e.find((x) => x.change !== 0).date, east.today);
    assert.equal(w.find((x) => x.change !== 0).date, west.today);
  });

  test('TIME-3 changing tz later does not move an event\'s local date', async () => {
    const { id, today } = await userWithEvents([6], 'Pacific/Kiritimati');
    await s.client.users.update(id, { tz: 'Etc/GMT+12' });
    const westToday = localDate('Etc/GMT+12');
    const range = { aggregation: 'daily', startDate: addDays(westToday, -1), endDate: addDays(today, 1) };
    const res = (await summary(id, range)).body;
    const changed = res.filter((x) => x.change !== 0);
    assert.deepEqual(changed, [{ date: today, total: 6, change: 6 }]);
    assertInvariant(res);
  });
});

describe('SUM-2 validation', () => {
  test('SUM-2 missing or invalid parameters are 422 naming the parameter', async () => {
    const { id, today } = await userWithEvents([1]);
    const base = `/users/${id}/metrics/reps/event-summary`;
    const cases = [
      [`startDate=${today}&endDate=${today}`, /aggregation/],
      [`aggregation=hourly&startDate=${today}&endDate=${today}`, /aggregation/],
      [`aggregation=daily&endDate=${today}`, /startDate/],
      [`aggregation=daily&startDate=${today}`, /endDate/],
      [`aggregation=daily&startDate=2024-13-01&endDate=2024-12-31`, /startDate/],
      [`aggregation=daily&startDate=2024-01-01&endDate=yesterday`, /endDate/],
      [`aggregation=daily&startDate=01/02/2024&endDate=2024-01-03`, /startDate/],
      [`aggregation=daily&startDate=%2B10000-01-01&endDate=%2B10000-01-02`, /startDate/],
      [`aggregation=daily&startDate=2024-1-5&endDate=2024-01-06`, /startDate/],
      [`aggregation=daily&startDate=2024-02-30&endDate=2024-03-01`, /startDate/],
    ];
    for (const [query, message] of cases) {
      expectError(await s.app('GET', `${base}?${query}`), 422, message);
    }
  });

  test('SUM-2 startDate after endDate, or more than 400 days apart, is 422; exactly 400 days is fine', async () => {
    const { id } = await userWithEvents([1]);
    const base = `/users/${id}/metrics/reps/event-summary`;
    expectError(await s.app('GET', `${base}?aggregation=daily&startDate=2024-02-02&endDate=2024-02-01`), 422, /startDate|endDate/);
    await expectSdkError(
      s.client.users.metricEventSummary(id, 'reps', { aggregation: 'monthly', startDate: '2024-01-01', endDate: '2025-02-05' }),
      422,
      /startDate|endDate|400/,
    );
    const ok = await s.app('GET', `${base}?aggregation=monthly&startDate=2024-01-01&endDate=${addDays('2024-01-01', 400)}`);
    assert.equal(ok.status, 200, ok.text);
    const daily = await s.app('GET', `${base}?aggregation=daily&startDate=2024-01-01&endDate=${addDays('2024-01-01', 400)}`);
    assert.equal(daily.status, 200);
    assert.equal(daily.body.length, 401);
  });

  test('SUM-2 unknown user or metric is 404', async () => {
    const today = localDate('UTC');
    const query = { aggregation: 'daily', startDate: today, endDate: today };
    await expectSdkError(s.client.users.metricEventSummary(uid(), 'reps', query), 404, 'User not found');
    const { id } = await userWithEvents([1]);
    await expectSdkError(s.client.users.metricEventSummary(id, 'nope', query), 404, 'Metric not found');
  });
});
