// Streaks and achievements together through the SDK (metrics.event, achievements.complete,
// users.streak, users.achievements): a streak achievement completes in the event that extends the
// streak to its length (ACH-7, ACH-18), a composite of a metric and a streak achievement cascades
// (ACH-8), and a user created by an API completion starts its streak like any new user (USER-4).
// Real clock: users have no tz (UTC), and every streak here is at most one day long.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSchema, startServer, uid } from '../harness.mjs';

let s;
const ids = {};

async function create(item) {
  const res = await s.admin('POST', '/achievements', { body: [item] });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual(res.body.issues, []);
  ids[item.key] = res.body.created[0].id;
}

before(async () => {
  s = await startServer();
  const lessons = await s.createMetric('lessons');
  const cards = await s.createMetric('cards');
  const res = await s.admin('PUT', '/streaks/config', {
    body: {
      enabled: true,
      frequency: 'daily',
      evaluationMode: 'AND',
      metrics: [{ metricId: lessons.id, threshold: 1 }],
      personalization: false,
      freezes: { enabled: true, maxFreezes: 2, initialFreezes: 1, autoEarn: null },
    },
  });
  assert.equal(res.status, 200, res.text);
  await create({ key: 'first-day', name: 'First day', trigger: 'streak', streakLength: 1, status: 'active' });
  await create({ key: 'ten-cards', name: 'Ten cards', trigger: 'metric', metricId: cards.id, metricValue: 10, status: 'active' });
  await create({ key: 'welcome', name: 'Welcome', trigger: 'api', status: 'active' });
  await create({
    key: 'all-round',
    name: 'All round',
    trigger: 'achievement',
    achievementIds: [ids['first-day'], ids['ten-cards']],
    status: 'active',
  });
});
after(async () => {
  await s?.stop();
});

const keys = (list) => list.map((a) => a.key);

test('ACH-7 ACH-18 the event that extends the streak to its length completes the streak achievement', async () => {
  const id = uid('sa');
  const cards = await s.client.metrics.event('cards', { user: { id }, value: 3 });
  assert.deepEqual(keys(cards.achievements), []);
  assert.equal(cards.currentStreak.extended, false);
  const ev = await s.client.metrics.event('lessons', { user: { id }, value: 1 });
  assert.equal(ev.currentStreak.length, 1);
  assert.equal(ev.currentStreak.extended, true);
  assert.deepEqual(keys(ev.achievements), ['first-day']);
  const again = await s.app('POST', '/metrics/lessons/event', { body: { user: { id }, value: 1 } });
  assertSchema('app', 'EventResponse', again.body);
  assert.equal(again.body.currentStreak.extended, false);
  assert.deepEqual(again.body.achievements, []);
});

test('ACH-8 a composite of a metric and a streak achievement completes with its last prerequisite', async () => {
  const id = uid('sa');
  assert.deepEqual(keys((await s.client.metrics.event('cards', { user: { id }, value: 10 })).achievements), ['ten-cards']);
  const ev = await s.client.metrics.event('lessons', { user: { id }, value: 1 });
  assert.deepEqual(keys(ev.achievements), ['first-day', 'all-round']);
  const other = uid('sa');
  assert.deepEqual(keys((await s.client.metrics.event('lessons', { user: { id: other }, value: 1 })).achievements), ['first-day']);
  assert.deepEqual(keys((await s.client.metrics.event('cards', { user: { id: other }, value: 12 })).achievements), ['ten-cards', 'all-round']);
  const held = await s.client.users.achievements(other);
  assert.deepEqual(keys(held), ['first-day', 'ten-cards', 'all-round']);
});

test('USER-4 a user created by achievements.complete starts with the initial freezes', async () => {
  const id = uid('sa');
  const done = await s.client.achievements.complete('welcome', { user: { id } });
  assert.equal(done.achievement.key, 'welcome');
  const streak = await s.client.users.streak(id);
  assert.equal(streak.length, 0);
  assert.equal(streak.freezes, 1);
  assert.equal(streak.maxFreezes, 2);
});
