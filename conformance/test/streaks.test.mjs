// STREAK, FREEZE, PAUSE, RESTORE, CFG-3 and SDK-9 through the official SDK (users.streak,
// streaks.list, streaks.rankings, admin.streaks.freezes.create, admin.streaks.restore) and plain
// HTTP for the rest (SDK-8). The server's clock is the real one: users have no tz (UTC, TIME-2),
// so "today" is the UTC date; tests that need time to pass are server integration tests.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addDays,
  assertSchema,
  expectError,
  expectSdkError,
  localDate,
  startServer,
  TIMESTAMP,
  uid,
  UUID_V4,
} from '../harness.mjs';

let s;
let lessons;
let quizzes;
const config = () => ({
  enabled: true,
  frequency: 'daily',
  evaluationMode: 'AND',
  metrics: [{ metricId: lessons.id, threshold: 1 }],
  personalization: true,
  freezes: { enabled: true, maxFreezes: 3, initialFreezes: 1, autoEarn: null },
});

before(async () => {
  s = await startServer();
  lessons = await s.createMetric('lessons');
  quizzes = await s.createMetric('quizzes');
  const res = await s.admin('PUT', '/streaks/config', { body: config() });
  assert.equal(res.status, 200, res.text);
});
after(async () => {
  await s?.stop();
});

const today = () => localDate('UTC');

/** The fields of an issue the SDK declares (SDK-6); it passes the contract's fields through too. */
const sdkIssue = ({ userId, level, reason }) => ({ userId, level, reason });

/** One lesson for `id` through the SDK; returns the event response. */
async function lesson(id, value = 1) {
  return s.client.metrics.event('lessons', { user: { id }, value });
}

describe('CFG-3 GET and PUT /admin/v1/streaks/config (extension)', () => {
  test('CFG-3 GET returns what PUT stored; a bad configuration is 422 with its first problem', async () => {
    const got = await s.admin('GET', '/streaks/config');
    assert.equal(got.status, 200);
    assert.deepEqual(got.body, config());
    expectError(
      await s.admin('PUT', '/streaks/config', { body: { ...config(), metrics: [{ metricId: lessons.id, threshold: 0 }] } }),
      422,
      'metrics[0].threshold must be a number > 0',
    );
    expectError(await s.admin('PUT', '/streaks/config', { body: { ...config(), frequency: 'hourly' } }), 422, 'frequency must be one of daily, weekly, monthly');
    assert.deepEqual((await s.admin('GET', '/streaks/config')).body, config());
  });

  test('METRIC-5 a metric the streak configuration uses is not deleted', async () => {
    const res = await s.admin('DELETE', `/metrics?ids=${lessons.id}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, {
      deleted: [],
      issues: [{ id: lessons.id, severity: 'error', message: 'Metric is in use by streak configuration' }],
    });
  });
});

describe('STREAK-6 / STREAK-16 the event response streak', () => {
  test('STREAK-6 the first qualifying event of a period extends the streak once', async () => {
    const id = uid();
    const first = await lesson(id);
    assert.equal(first.currentStreak.length, 1);
    assert.equal(first.currentStreak.extended, true);
    const second = await s.app('POST', '/metrics/lessons/event', { body: { user: { id }, value: 1 } });
    assert.equal(second.status, 201);
    assertSchema('app', 'MetricEventStreakResponse', second.body.currentStreak);
    assert.deepEqual(second.body.currentStreak, {
      length: 1,
      frequency: 'daily',
      started: today(),
      periodStart: today(),
      periodEnd: today(),
      expires: addDays(today(), 1),
      freezes: 1,
      maxFreezes: 3,
      extended: false,
    });
    const other = await s.client.metrics.event('quizzes', { user: { id }, value: 5 });
    assert.equal(other.currentStreak.extended, false);
  });
});

describe('STREAK-15 / STREAK-17 users.streak', () => {
  test('STREAK-15 the SDK reads the streak with its history; the wire shape is the contract\'s', async () => {
    const id = uid();
    await lesson(id);
    const viaSdk = await s.client.users.streak(id, { historyPeriods: 14 });
    assert.equal(viaSdk.length, 1);
    assert.equal(viaSdk.streakHistory.length, 14);
    assert.equal(viaSdk.streakHistory.at(-1).length, 1);
    const raw = await s.app('GET', `/users/${id}/streak`);
    assert.equal(raw.status, 200);
    assertSchema('app', 'StreakResponse', raw.body);
    assert.match(raw.body.extended, TIMESTAMP);
    assert.equal(raw.body.streakHistory.length, 7);
    assert.deepEqual(raw.body.streakHistory.at(-1), {
      periodStart: today(),
      periodEnd: today(),
      length: 1,
      usedFreeze: false,
      usedPause: false,
    });
    assert.deepEqual(raw.body.pauses, []);
  });

  test('STREAK-15 unknown users are 404; historyPeriods outside 1..365 is 422', async () => {
    await expectSdkError(s.client.users.streak(uid('nobody')), 404, 'User not found');
    const id = uid();
    await lesson(id);
    expectError(await s.app('GET', `/users/${id}/streak?historyPeriods=0`), 422, 'historyPeriods must be an integer between 1 and 365');
    expectError(await s.app('GET', `/users/${id}/streak?historyPeriods=366`), 422, 'historyPeriods must be an integer between 1 and 365');
  });
});

describe('STREAK-18 streaks.list', () => {
  test('STREAK-18 lengths of the listed users, longest first, unknown users omitted', async () => {
    const a = uid('a');
    const b = uid('b');
    await lesson(a);
    await s.client.users.identify(b, {});
    const list = await s.client.streaks.list({ userIds: [b, a, uid('ghost'), a] });
    assert.deepEqual(
      list.map((e) => [e.userId, e.streakLength]),
      [
        [a, 1],
        [b, 0],
      ],
    );
    const raw = await s.app('GET', `/streaks?userIds=${a},${b}`);
    assert.equal(raw.status, 200);
    assert.match(raw.body[0].extended, TIMESTAMP);
    assert.equal(raw.body[1].extended, null);
    expectError(await s.app('GET', '/streaks'), 422, 'userIds must list between 1 and 100 user ids');
  });

  test('AUTH-7 an application key may list only its own user', async () => {
    const a = uid('a');
    await lesson(a);
    const key = await s.createAppKey(a);
    const own = await s.clientWith(key.key).streaks.list({ userIds: [a] });
    assert.equal(own[0].streakLength, 1);
    await expectSdkError(s.clientWith(key.key).streaks.list({ userIds: [a, 'someone-else'] }), 403, 'This API key is not authorised for user someone-else');
  });
});

describe('SDK-9 streaks.rankings (legacy)', () => {
  test('SDK-9 users with a streak, longest first then by id; limit and type are checked', async () => {
    const names = [uid('r'), uid('r')];
    for (const id of names) await lesson(id);
    await s.client.users.update(names[0], { name: 'Ranked' });
    const ranking = await s.client.streaks.rankings({ type: 'active', limit: 100 });
    assert.ok(ranking.length >= 2);
    for (const entry of ranking) assert.ok(entry.streakLength > 0);
    const sorted = [...ranking].sort((x, y) => y.streakLength - x.streakLength || (x.userId < y.userId ? -1 : 1));
    assert.deepEqual(ranking, sorted);
    assert.equal(ranking.find((e) => e.userId === names[0]).name, 'Ranked');
    const longest = await s.client.streaks.rankings({ type: 'longest', limit: 1 });
    assert.equal(longest.length, 1);
    expectError(await s.app('GET', '/streaks/rankings?type=best'), 422, 'type must be one of active, longest');
    expectError(await s.app('GET', '/streaks/rankings?limit=0'), 422, 'limit must be an integer between 1 and 100');
  });
});

describe('FREEZE-6 / SDK-6 admin.streaks.freezes.create', () => {
  test('FREEZE-6 one freeze per item up to maxFreezes; SDK-6 issues parse in the SDK', async () => {
    const id = uid();
    await lesson(id);
    const ghost = uid('ghost');
    const res = await s.client.admin.streaks.freezes.create({
      freezes: [{ userId: id }, { userId: id }, { userId: id }, { userId: ghost }],
    });
    assert.deepEqual(res.issues.map(sdkIssue), [
      { userId: id, level: 'warning', reason: 'Would exceed maximum freeze limit' },
      { userId: ghost, level: 'error', reason: 'User does not exist' },
    ]);
    assert.equal((await s.client.users.streak(id)).freezes, 3);
    const raw = await s.admin('POST', '/streaks/freezes', { body: { freezes: [{ userId: id }] } });
    assert.equal(raw.status, 200);
    assert.deepEqual(raw.body.issues, [
      {
        userId: id,
        severity: 'warning',
        message: 'Would exceed maximum freeze limit',
        level: 'warning',
        reason: 'Would exceed maximum freeze limit',
      },
    ]);
    expectError(await s.admin('POST', '/streaks/freezes', { body: { freezes: [] } }), 400, 'freezes must be an array of between 1 and 100 items');
  });
});

describe('RESTORE-1..6 admin.streaks.restore', () => {
  test('RESTORE-5 nothing to restore is a warning, an unknown user an error; 200 when none restored', async () => {
    const id = uid();
    await lesson(id);
    const ghost = uid('ghost');
    const res = await s.client.admin.streaks.restore({ users: [{ id }, { id: ghost }] });
    assert.deepEqual(res.restoredUsers, []);
    assert.deepEqual(res.issues.map(sdkIssue), [
      { userId: id, level: 'warning', reason: 'No streak to restore' },
      { userId: ghost, level: 'error', reason: 'User does not exist' },
    ]);
    const raw = await s.admin('POST', '/streaks/restore', { body: { users: [{ id }] } });
    assert.equal(raw.status, 200);
    assert.equal(raw.body.issues[0].severity, 'warning');
    expectError(await s.admin('POST', '/streaks/restore', { body: { users: [{}] } }), 400, 'users[0].id must be a string');
  });
});

describe('PAUSE-1 / PAUSE-6 / PAUSE-7 pauses (plain HTTP)', () => {
  test('PAUSE-1 created pauses are listed by the streak (PAUSE-7) until deleted (PAUSE-6)', async () => {
    const id = uid();
    await lesson(id);
    const start = addDays(today(), 1);
    const end = addDays(today(), 3);
    const res = await s.admin('POST', '/streaks/pauses', {
      body: { pauses: [{ userId: id, start, end }, { userId: id, start: addDays(today(), -1), end }] },
    });
    assert.equal(res.status, 201, res.text);
    const [pause] = res.body.created;
    assert.match(pause.id, UUID_V4);
    assert.deepEqual(pause, { id: pause.id, userId: id, start, end, status: 'active' });
    assert.deepEqual(res.body.issues, [{ userId: id, severity: 'error', message: 'start cannot be in the past' }]);
    const streak = await s.app('GET', `/users/${id}/streak`);
    assert.deepEqual(streak.body.pauses, [{ id: pause.id, start, end }]);
    const deleted = await s.admin('DELETE', `/streaks/pauses?ids=${pause.id}`);
    assert.deepEqual(deleted.body, { deleted: [{ id: pause.id }], issues: [] });
    assert.deepEqual((await s.app('GET', `/users/${id}/streak`)).body.pauses, []);
    const again = await s.admin('DELETE', `/streaks/pauses?ids=${pause.id}`);
    assert.deepEqual(again.body.issues, [{ id: pause.id, severity: 'error', message: 'Streak pause not found by ID' }]);
  });
});

describe('PREF-4 / STREAK-19 personal conditions', () => {
  test('STREAK-19 with personalisation on, a user\'s own metrics decide their streak', async () => {
    const id = uid();
    await s.client.users.identify(id, {});
    const prefs = await s.app('PATCH', `/users/${id}/preferences`, {
      body: { streak: { metrics: [{ key: 'quizzes', threshold: 2 }] } },
    });
    assert.equal(prefs.status, 200, prefs.text);
    assert.deepEqual(prefs.body.streak, { metrics: [{ key: 'quizzes', threshold: 2 }] });
    assert.equal((await lesson(id)).currentStreak.extended, false);
    const quiz = await s.client.metrics.event('quizzes', { user: { id }, value: 2 });
    assert.equal(quiz.currentStreak.extended, true);
    assert.equal(quiz.currentStreak.length, 1);
  });
});
