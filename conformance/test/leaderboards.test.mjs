// LB-1..LB-40 as far as a real clock allows: leaderboards through the SDK (leaderboards.all,
// leaderboards.get, users.leaderboard, the event response's leaderboards map) and the admin
// leaderboards endpoints over plain HTTP (SDK-8), every reply checked against the contracts.
// Runs follow UTC dates here (users without tz), so a test straddling midnight UTC could see two
// daily runs; the boards below are perpetual except where a run is the point.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, assertSchema, expectError, expectSdkError, startServer, uid, UUID_V4 } from '../harness.mjs';

let s;
let metric;
let plan;
const today = () => new Date().toISOString().slice(0, 10);

before(async () => {
  s = await startServer();
  metric = await s.createMetric(uid('cards'));
  plan = await s.createAttribute(uid('plan'), 'user');
});
after(async () => {
  await s?.stop();
});

/** Creates leaderboards through the admin API; fails on any issue. */
async function createBoards(items) {
  const res = await s.admin('POST', '/leaderboards', { body: items });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual(res.body.issues, [], res.text);
  assertSchema('admin', 'CreateLeaderboardsResponse', res.body);
  return res.body.created;
}

function board(extra = {}) {
  return { name: 'Board', key: uid('lb'), rankBy: 'metric', metricId: metric.id, start: '2025-01-01', status: 'active', ...extra };
}

async function event(user, value, extra = {}) {
  return s.client.metrics.event(metric.key, { user: { id: user, ...extra }, value });
}

describe('LB-35..LB-40 admin leaderboards', () => {
  test('LB-36 / LB-35 create returns AdminLeaderboard; per-item issues; 200 when nothing is created', async () => {
    const key = uid('lb');
    const res = await s.admin('POST', '/leaderboards', {
      body: [
        { name: 'Weekly', key, rankBy: 'metric', metricId: metric.id, runUnit: 'day', runInterval: 7 },
        { name: 'Repeating streaks', key: uid('lb'), rankBy: 'streak', runUnit: 'day', runInterval: 1 },
        { name: 'Taken', key, rankBy: 'streak' },
      ],
    });
    assert.equal(res.status, 201, res.text);
    const [created] = res.body.created;
    assert.match(created.id, UUID_V4);
    assert.equal(created.status, 'inactive');
    assert.equal(created.maxParticipants, 1000);
    assert.equal(created.start, today());
    assert.deepEqual(created.breakdownAttributes, []);
    assert.ok(!('end' in created) && !('pointsSystemId' in created) && !('description' in created));
    assert.deepEqual(
      res.body.issues.map((i) => [i.index, i.message]),
      [
        [1, 'Streak leaderboards cannot repeat'],
        [2, 'Key already in use by another leaderboard'],
      ],
    );
    const none = await s.admin('POST', '/leaderboards', { body: [{ name: 'x', key: uid('lb'), rankBy: 'metric' }] });
    assert.equal(none.status, 200);
    assert.equal(none.body.issues[0].message, 'metricId is required when rankBy is metric');
  });

  test('LB-37 / LB-40 update, lock after activation, get and delete', async () => {
    const [b] = await createBoards([board({ status: 'inactive' })]);
    const activate = await s.admin('PATCH', '/leaderboards', { body: [{ id: b.id, status: 'active', name: 'Renamed' }] });
    assert.equal(activate.status, 200);
    assert.equal(activate.body.updated[0].status, 'active');
    assert.equal(activate.body.updated[0].name, 'Renamed');
    const locked = await s.admin('PATCH', '/leaderboards', { body: [{ id: b.id, rankBy: 'streak' }] });
    assert.equal(locked.body.issues[0].message, 'rankBy is locked once the leaderboard has been activated');
    const got = await s.admin('GET', `/leaderboards/${b.id}`);
    assert.equal(got.status, 200);
    assert.equal(got.body.name, 'Renamed');
    const del = await s.admin('DELETE', `/leaderboards?ids=${b.id}`);
    assert.deepEqual(del.body.deleted, [{ id: b.id }]);
    expectError(await s.admin('GET', `/leaderboards/${b.id}`), 404, 'Leaderboard not found');
  });
});

describe('LB-20 / LB-21 leaderboards.all', () => {
  test('LB-21 lists active and scheduled leaderboards, never inactive ones; finished only on request', async () => {
    const [active, scheduled, inactive] = await createBoards([
      board(),
      board({ start: addDays(today(), 10), status: 'scheduled' }),
      board({ status: 'inactive' }),
    ]);
    const all = await s.client.leaderboards.all();
    const keys = all.map((b) => b.key);
    assert.ok(keys.includes(active.key) && keys.includes(scheduled.key), JSON.stringify(keys));
    assert.ok(!keys.includes(inactive.key));
    const item = all.find((b) => b.key === active.key);
    assert.equal(item.status, 'active');
    assert.equal(item.maxParticipants, 1000);
    assert.equal(item.metricKey, metric.key);
    await s.admin('PATCH', '/leaderboards', { body: [{ id: active.id, status: 'finished' }] });
    assert.ok(!(await s.client.leaderboards.all()).some((b) => b.key === active.key));
    const withFinished = await s.app('GET', '/leaderboards?includeFinished=true');
    assert.equal(withFinished.body.find((b) => b.key === active.key).status, 'finished');
    await expectSdkError(s.client.leaderboards.get(inactive.key), 404, 'Leaderboard not found');
  });
});

describe('EVENT-5 / LB-31 / LB-32 the event response', () => {
  test('LB-31 each leaderboard whose value changed reports rank, previousRank and threshold', async () => {
    const [b] = await createBoards([board({ maxParticipants: 2 })]);
    const a = uid();
    const first = await event(a, 10);
    const entry = first.leaderboards[b.key];
    assert.equal(entry.rank, 1);
    assert.equal(entry.previousRank ?? null, null);
    assert.equal(entry.threshold, 0);
    assert.equal(entry.start, '2025-01-01');
    const raw = await s.app('POST', `/metrics/${metric.key}/event`, { body: { user: { id: uid() }, value: 20 } });
    assertSchema('app', 'EventResponse', raw.body);
    const wire = raw.body.leaderboards[b.key];
    assertSchema('app', 'MetricEventLeaderboardResponse', wire);
    assert.equal(wire.rank, 1);
    assert.equal(wire.previousRank, null);
    assert.equal(wire.threshold, 10); // LB-12: full board, the last participant's value
    assert.equal(wire.end, null);
    const again = await event(a, 15);
    assert.equal(again.leaderboards[b.key].previousRank, 2);
    assert.equal(again.leaderboards[b.key].rank, 1);
    const zero = await s.app('POST', `/metrics/${metric.key}/event`, { body: { user: { id: a }, value: 0 } });
    assert.ok(!(b.key in zero.body.leaderboards), 'LB-31: unchanged value, no entry');
  });
});

describe('LB-23 / LB-29 / LB-30 leaderboards.get', () => {
  test('LB-23 rankings with userName, offset and limit; LB-29 centred on a user', async () => {
    const [b] = await createBoards([board()]);
    const users = [uid(), uid(), uid(), uid()];
    for (const [i, u] of users.entries()) {
      await event(u, 100 - i, { name: `Name ${i}` });
    }
    const top = await s.client.leaderboards.get(b.key);
    assert.deepEqual(
      top.rankings.map((r) => [r.userId, r.rank, r.value, r.userName]),
      users.map((u, i) => [u, i + 1, 100 - i, `Name ${i}`]),
    );
    const page = await s.client.leaderboards.get(b.key, { offset: 1, limit: 2 });
    assert.deepEqual(page.rankings.map((r) => r.rank), [2, 3]);
    const around = await s.client.leaderboards.get(b.key, { userId: users[2], offset: 1, limit: 3 });
    assert.deepEqual(around.rankings.map((r) => r.userId), [users[1], users[2], users[3]]);
    const nobody = await s.client.leaderboards.get(b.key, { userId: uid() });
    assert.deepEqual(nobody.rankings, []);
    const wire = await s.app('GET', `/leaderboards/${b.key}?limit=0`);
    assert.deepEqual(wire.body.rankings, []);
    assertSchema('app', 'LeaderboardResponseWithRankings', wire.body);
    expectError(await s.app('GET', `/leaderboards/${b.key}?offset=-1`), 422);
    await expectSdkError(s.client.leaderboards.get(uid('nope')), 404, 'Leaderboard not found');
    await expectSdkError(s.client.leaderboards.get(b.key, { run: '2024-12-31' }), 404, 'Leaderboard run not found');
  });

  test('LB-13 / LB-30 breakdown groups through userAttributes', async () => {
    const [b] = await createBoards([board({ breakdownAttributes: [plan.id] })]);
    const pro = uid();
    const free = uid();
    const res = await event(pro, 5, { attributes: { [plan.key]: 'pro' } });
    assert.deepEqual(res.leaderboards[b.key].breakdownAttributes, [plan.key]);
    await event(free, 9, { attributes: { [plan.key]: 'free' } });
    const proBoard = await s.client.leaderboards.get(b.key, { userAttributes: `${plan.key}:pro` });
    assert.deepEqual(proBoard.rankings.map((r) => r.userId), [pro]);
    await expectSdkError(
      s.client.leaderboards.get(b.key),
      422,
      'userAttributes is required for leaderboards with breakdown attributes',
    );
  });
});

describe('LB-33 / LB-34 users.leaderboard', () => {
  test('LB-33 the user rank and value with a provisional snapshot for today', async () => {
    const [b] = await createBoards([board({ runUnit: 'day', runInterval: 1 })]);
    const u = uid();
    await event(u, 42);
    const mine = await s.client.users.leaderboard(u, b.key);
    assert.equal(mine.rank, 1);
    assert.equal(mine.value, 42);
    assert.equal(mine.history.length, 1);
    assert.equal(mine.history[0].rank, 1);
    assert.equal(mine.history[0].value, 42);
    const wire = await s.app('GET', `/users/${u}/leaderboards/${b.key}?numEvents=0`);
    assertSchema('app', 'UserLeaderboardResponseWithHistory', wire.body);
    assert.deepEqual(wire.body.history, []);
    const full = await s.app('GET', `/users/${u}/leaderboards/${b.key}`);
    assert.equal(full.body.history[0].date, today());
    assert.equal(full.body.history[0].timestamp, `${today()}T00:00:00.000Z`);
    await expectSdkError(s.client.users.leaderboard(uid(), b.key), 404, 'User not found');
  });
});

// The seeds' leaderboard guide, step by step: a study platform's daily leaderboard of flashcards
// flipped, rank-up toasts from the event response, the rankings and a user's rank history.
describe('Leaderboard guide: a daily leaderboard of flashcards flipped', () => {
  test('LB-31 / LB-32 toasts from rank and previousRank; LB-23 / LB-28 rankings; LB-33 / LB-34 rank history', async () => {
    const flashcards = await s.createMetric(uid('flashcards-flipped'));
    const [daily] = await createBoards([
      {
        name: 'Daily Champions',
        key: uid('daily_champions'),
        rankBy: 'metric',
        metricId: flashcards.id,
        start: '2025-01-01',
        status: 'active',
        runUnit: 'day',
        runInterval: 1,
        maxParticipants: 100,
      },
    ]);
    const send = (id, value, user = {}) => s.client.metrics.event(flashcards.key, { user: { id, ...user }, value });
    const [alice, bob, carol] = [uid(), uid(), uid()];

    const first = await send(alice, 750, { name: 'Alice', email: 'user@example.com', tz: 'Europe/London' });
    const entry = first.leaderboards[daily.key];
    assert.equal(entry.key, daily.key);
    assert.equal(entry.name, 'Daily Champions');
    assert.equal(entry.rankBy, 'metric');
    assert.equal(entry.runUnit, 'day');
    assert.equal(entry.runInterval, 1);
    assert.equal(entry.maxParticipants, 100);
    assert.equal(entry.metricKey, flashcards.key);
    assert.equal(entry.rank, 1);
    assert.equal(entry.previousRank ?? null, null);
    assert.equal(entry.threshold, 0, 'LB-12: the board is not full');

    await send(bob, 500, { name: 'Bob' });
    const joined = await send(carol, 100, { name: 'Carol' });
    assert.equal(joined.leaderboards[daily.key].rank, 3);
    const overtook = (await send(carol, 700)).leaderboards[daily.key];
    assert.equal(overtook.previousRank, 3);
    assert.equal(overtook.rank, 1);
    assert.equal(overtook.previousRank - overtook.rank, 2, "the guide's toast: moved up 2 places");

    const expected = [[carol, 'Carol', 1, 800], [alice, 'Alice', 2, 750], [bob, 'Bob', 3, 500]];
    const rankings = await s.client.leaderboards.get(daily.key);
    assert.deepEqual(rankings.rankings.map((r) => [r.userId, r.userName, r.rank, r.value]), expected);
    assert.equal(rankings.runUnit, 'day');
    const run = await s.client.leaderboards.get(daily.key, { run: today() });
    assert.deepEqual(run.rankings.map((r) => [r.userId, r.userName, r.rank, r.value]), expected);

    const mine = await s.client.users.leaderboard(alice, daily.key);
    assert.equal(mine.rank, 2);
    assert.equal(mine.value, 750);
    assert.equal(mine.history.length, 1, 'one provisional snapshot for today');
    assert.equal(mine.history[0].rank, 2, 'overtaken by Carol since her own event');
    assert.equal(mine.history[0].value, 750);
    assert.equal(mine.history[0].previousRank ?? null, null);
    assert.equal(mine.history[0].previousValue ?? null, null);
    const wire = await s.app('GET', `/users/${alice}/leaderboards/${daily.key}`);
    assertSchema('app', 'UserLeaderboardResponseWithHistory', wire.body);
    const londonToday = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(new Date());
    assert.equal(wire.body.history[0].date, londonToday, 'LB-34: snapshots follow the user\'s local date');
  });
});
