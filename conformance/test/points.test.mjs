// Points (BEHAVIOR §17): the seeds' XP guide end to end through the official SDK (users.points,
// users.pointsEventSummary, points.summary, points.system — the SDK's strict parsing is one judge)
// and the rest over plain HTTP (SDK-8), every reply checked against the contracts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { addDays, assertResponse, expectError, expectSdkError, localDate, startServer, TIMESTAMP, uid } from '../harness.mjs';

let s;
let flashcards;
let plan;
let xp;
before(async () => {
  s = await startServer();
  flashcards = await s.createMetric('flashcards-flipped', { name: 'Flashcards Flipped' });
  plan = await s.createAttribute('plan', 'user');
  const res = await s.admin('POST', '/points', {
    body: [
      {
        name: 'XP',
        key: 'xp',
        triggers: [{ type: 'metric', metricId: flashcards.id, metricThreshold: 100, points: 50, status: 'active' }],
        levels: [
          { name: 'Novice', key: 'novice', points: 0 },
          { name: 'Scholar', key: 'scholar', points: 400 },
        ],
      },
    ],
  });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual(res.body.issues, []);
  xp = res.body.created[0];
});
after(async () => {
  await s?.stop();
});

describe('XP guide: XP for flashcards flipped', () => {
  test('PTS-9 / PTS-4 the event response reports the XP awarded and the trigger that awarded it', async () => {
    const id = uid();
    const first = await s.client.metrics.event('flashcards-flipped', {
      user: { id, email: 'user@example.com', tz: 'Europe/London' },
      value: 150,
    });
    assert.equal(first.points.xp.added, 50);
    assert.equal(first.points.xp.total, 50);
    const res = await s.app('POST', '/metrics/flashcards-flipped/event', { body: { user: { id }, value: 750 } });
    assert.equal(res.status, 201, res.text);
    assertResponse('app', 'POST', '/metrics/{key}/event', 201, res.body);
    const points = res.body.points.xp;
    assert.equal(points.key, 'xp');
    assert.equal(points.description, null);
    assert.equal(points.badgeUrl, null);
    assert.equal(points.total, 450);
    assert.equal(points.added, 400);
    assert.equal(points.awards.length, 1, 'eight crossings of 100 in one event are one award (PTS-4)');
    assert.equal(points.awards[0].awarded, 400);
    assert.match(points.awards[0].date, TIMESTAMP);
    assert.equal(points.awards[0].trigger.metricName, 'Flashcards Flipped');
    assert.equal(points.awards[0].trigger.metricThreshold, 100);
    assert.equal(points.awards[0].trigger.points, 50);
    assert.equal(points.level.key, 'scholar', 'LVL-5: the level changed');
  });

  test('PTS-10 users.points returns the total, the level and the most recent awards, newest first', async () => {
    const id = uid();
    await s.client.metrics.event('flashcards-flipped', { user: { id }, value: 100 });
    await s.client.metrics.event('flashcards-flipped', { user: { id }, value: 200 });
    const viaSdk = await s.client.users.points(id, 'xp', { awards: 1 });
    assert.equal(viaSdk.total, 150);
    assert.equal(viaSdk.awards.length, 1);
    assert.equal(viaSdk.awards[0].awarded, 100);
    const res = await s.app('GET', `/users/${id}/points/xp`);
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.level.key, 'novice');
    assert.deepEqual(res.body.awards.map((a) => a.awarded), [100, 50]);
    await expectSdkError(s.client.users.points(id, 'nope'), 404, 'Points system not found');
    await expectSdkError(s.client.users.points(uid(), 'xp'), 404, 'User not found');
    expectError(await s.app('GET', `/users/${id}/points/xp?awards=0`), 422);
  });

  test('SUM-1..SUM-5 users.pointsEventSummary is chart-ready: daily buckets whose totals step by their change', async () => {
    const id = uid();
    await s.client.metrics.event('flashcards-flipped', { user: { id, tz: 'Europe/London' }, value: 300 });
    const today = localDate('Europe/London');
    const summary = await s.client.users.pointsEventSummary(id, 'xp', {
      aggregation: 'daily',
      startDate: addDays(today, -2),
      endDate: today,
    });
    assert.deepEqual(summary, [
      { date: addDays(today, -2), total: 0, change: 0 },
      { date: addDays(today, -1), total: 0, change: 0 },
      { date: today, total: 150, change: 150 },
    ]);
    const weekly = await s.app('GET', `/users/${id}/points/xp/event-summary?aggregation=weekly&startDate=${today}&endDate=${today}`);
    assert.equal(weekly.status, 200, weekly.text);
    assert.equal(weekly.body.length, 1);
    assert.equal(weekly.body[0].total, 150);
  });

  test('PTS-11 points.system lists the active triggers with ISO timestamps (SDK-2)', async () => {
    const system = await s.client.points.system('xp');
    assert.equal(system.id, xp.id);
    assert.equal(system.triggers.length, 1);
    assert.ok(system.triggers[0].created instanceof Date);
    const res = await s.app('GET', '/points/xp');
    assert.equal(res.status, 200, res.text);
    assert.ok(!('key' in res.body));
    assert.match(res.body.triggers[0].updated, TIMESTAMP);
    await expectSdkError(s.client.points.system('nope'), 404, 'Points system not found');
  });

  test('PTS-12 points.summary: eleven ranges over every user, filtered by user attributes (ATTR-10)', async () => {
    const pro = uid();
    await s.client.users.create({ id: pro, attributes: { plan: 'pro' } });
    await s.client.metrics.event('flashcards-flipped', { user: { id: pro }, value: 1200 });
    const all = await s.client.points.summary('xp');
    assert.equal(all.length, 11);
    assert.deepEqual(all[0].from, 0);
    assert.deepEqual(all[1], { from: 1, to: 100, users: all[1].users });
    const filtered = await s.client.points.summary('xp', { userAttributes: 'plan:pro' });
    assert.equal(filtered.reduce((n, r) => n + r.users, 0), 1);
    assert.ok(filtered.some((r) => r.users === 1 && r.from <= 600 && r.to >= 600));
    await expectSdkError(s.client.points.summary('xp', { userAttributes: 'colour:red' }), 422, /^Invalid attribute keys: colour/);
  });
});

describe('levels, boosts and the admin API', () => {
  test('LVL-11 / LVL-12 levels by threshold and users per level', async () => {
    const levels = await s.app('GET', '/points/xp/levels');
    assert.equal(levels.status, 200, levels.text);
    assert.deepEqual(levels.body.map((l) => l.key), ['novice', 'scholar']);
    assert.equal(levels.body[0].description, '');
    const summary = await s.app('GET', '/points/xp/level-summary');
    assert.equal(summary.status, 200, summary.text);
    assert.ok(summary.body[0].users >= 1);
  });

  test('BOOST-6 / BOOST-14 / BOOST-15 boosts multiply awards and are listed for the system and the user', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const res = await s.admin('POST', `/points/${xp.id}/boosts`, {
      body: [{ name: 'Pro XP', start: addDays(today, -1), multiplier: 1.5, rounding: 'up', userAttributes: [{ attributeId: plan.id, attributeValue: 'pro' }] }],
    });
    assert.equal(res.status, 201, res.text);
    const id = uid();
    await s.client.users.create({ id, attributes: { plan: 'pro' } });
    const ev = await s.client.metrics.event('flashcards-flipped', { user: { id }, value: 100 });
    assert.equal(ev.points.xp.added, 75);
    const raw = await s.app('GET', `/users/${id}/points/xp`);
    assert.equal(raw.body.awards[0].boosts[0].name, 'Pro XP');
    const mine = await s.app('GET', `/users/${id}/points/xp/boosts`);
    assert.equal(mine.status, 200, mine.text);
    assert.deepEqual(mine.body.map((b) => b.name), ['Pro XP']);
    const global = await s.app('GET', '/points/xp/boosts');
    assert.equal(global.status, 200, global.text);
    assert.equal(global.body[0].status, 'active');
    await s.admin('DELETE', `/points/${xp.id}/boosts?ids=${res.body.created[0].id}`);
  });

  test('PTS-14..PTS-17 / TRIG-16..TRIG-19 / ADM-7 admin points systems and triggers', async () => {
    const created = await s.admin('POST', '/points', {
      body: [{ name: 'Gems', key: uid('gems'), triggers: [{ type: 'streak', streakLength: 7, points: 5 }, { type: 'metric', points: 1 }] }],
    });
    assert.equal(created.status, 200, created.text);
    assert.equal(created.body.issues[0].message, 'triggers[1]: metricId is required for metric triggers');
    const ok = await s.admin('POST', '/points', { body: [{ name: 'Gems', key: uid('gems'), maxPoints: 10 }] });
    assert.equal(ok.status, 201, ok.text);
    const system = ok.body.created[0];
    assert.equal(system.description, '');
    const triggers = await s.admin('POST', `/points/${system.id}/triggers`, {
      body: [{ type: 'time', timeUnit: 'days', timeInterval: 1, points: 2 }, { type: 'bonus', points: 1 }],
    });
    assert.equal(triggers.status, 201, triggers.text);
    assert.equal(triggers.body.created[0].status, 'inactive');
    assert.equal(triggers.body.issues[0].message, 'type must be one of metric, achievement, streak, time, user_creation');
    const list = await s.admin('GET', `/points/${system.id}/triggers`);
    assert.equal(list.body.length, 1);
    const patched = await s.admin('PATCH', '/points', { body: [{ id: system.id, maxPoints: null }] });
    assert.equal(patched.body.updated[0].maxPoints, null);
    expectError(await s.admin('GET', '/points/not-a-uuid/triggers'), 404, 'Points system not found');
    const deleted = await s.admin('DELETE', `/points?ids=${system.id}`);
    assert.deepEqual(deleted.body.deleted, [{ id: system.id }]);
    expectError(await s.admin('GET', `/points/${system.id}`), 404, 'Points system not found');
  });

  test('TRIG-12 / USER-4 user-creation triggers award once, whichever endpoint created the user', async () => {
    const res = await s.admin('POST', '/points', {
      body: [{ name: 'Coins', key: 'coins', triggers: [{ type: 'user_creation', points: 25, status: 'active' }] }],
    });
    assert.equal(res.status, 201, res.text);
    const id = uid();
    await s.client.users.identify(id, { name: 'New' });
    await s.client.users.identify(id, { name: 'Again' });
    const coins = await s.client.users.points(id, 'coins');
    assert.equal(coins.total, 25);
    assert.equal(coins.awards.length, 1);
    const ev = await s.client.metrics.event('flashcards-flipped', { user: { id: uid() }, value: 1 });
    assert.equal(ev.points.coins.added, 25);
    await s.admin('DELETE', `/points?ids=${res.body.created[0].id}`);
  });

  test('TRIG-9 / PTS-9 an API completion reports the achievement trigger award (SDK achievements.complete)', async () => {
    const ach = await s.admin('POST', '/achievements', { body: [{ key: 'onboarded', name: 'Onboarded', trigger: 'api', status: 'active' }] });
    assert.equal(ach.status, 201, ach.text);
    const res = await s.admin('POST', '/points', {
      body: [{ name: 'Medals', key: 'medals', triggers: [{ type: 'achievement', achievementId: ach.body.created[0].id, points: 7, status: 'active' }] }],
    });
    assert.equal(res.status, 201, res.text);
    const id = uid();
    const done = await s.client.achievements.complete('onboarded', { user: { id } });
    assert.equal(done.points.medals.added, 7);
    assert.equal(done.points.medals.awards[0].trigger.achievementName, 'Onboarded');
    const again = await s.client.achievements.complete('onboarded', { user: { id } });
    assert.deepEqual(again.points, {});
    const system = await s.client.points.system('medals');
    assert.equal(system.triggers[0].achievementName, 'Onboarded');
    await s.admin('DELETE', `/points?ids=${res.body.created[0].id}`);
  });
});
