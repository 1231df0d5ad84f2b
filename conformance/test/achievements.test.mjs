// ACH-1..ACH-18, METRIC-9, CFG-2: achievements through the SDK (achievements.all,
// achievements.complete, users.achievements, metrics.event, users.singleMetric) and the admin
// extension endpoints over plain HTTP (SDK-8).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertResponse, assertSchema, expectError, expectSdkError, startServer, TIMESTAMP, uid, UUID_V4 } from '../harness.mjs';

let s;
let cards;
let plan;
let deck;
const ids = {};

async function create(item) {
  const res = await s.admin('POST', '/achievements', { body: [item] });
  assert.equal(res.status, 201, res.text);
  assert.deepEqual(res.body.issues, []);
  ids[item.key] = res.body.created[0].id;
  return res.body.created[0];
}

async function patch(item) {
  const res = await s.admin('PATCH', '/achievements', { body: [item] });
  assert.equal(res.status, 200, res.text);
  assert.deepEqual(res.body.issues, [], res.text);
  return res.body.updated[0];
}

before(async () => {
  s = await startServer();
  cards = await s.createMetric('cards');
  plan = await s.createAttribute('plan', 'user');
  deck = await s.createAttribute('deck', 'event');
  const metric = (key, value, extra = {}) => ({ key, name: `${value} cards`, trigger: 'metric', metricId: cards.id, metricValue: value, status: 'active', ...extra });
  await create(metric('cards-10', 10));
  await create(metric('cards-5', 5));
  await create(metric('cards-50', 50));
  await create(metric('french-3', 3, { eventAttributes: [{ attributeId: deck.id, attributeValue: 'french' }] }));
  await create({ key: 'cards-draft', name: 'Draft', trigger: 'metric', metricId: cards.id, metricValue: 1 });
  await create({ key: 'onboarding', name: 'Onboarding', description: 'Finish onboarding', badgeUrl: 'https://example.test/b.png', trigger: 'api', status: 'active' });
  await create({ key: 'pro-welcome', name: 'Pro welcome', trigger: 'api', status: 'active', userAttributes: [{ attributeId: plan.id, attributeValue: 'pro' }] });
  await create({ key: 'api-retired', name: 'Retired', trigger: 'api', status: 'active' });
  await patch({ id: ids['api-retired'], status: 'locked' });
  await create({ key: 'week', name: 'Week', trigger: 'streak', streakLength: 7, status: 'active' });
  await create({ key: 'starter', name: 'Starter', trigger: 'achievement', achievementIds: [ids['cards-5'], ids['cards-10']], status: 'active' });
});
after(async () => {
  await s?.stop();
});

const keys = (list) => list.map((a) => a.key);

describe('ACH-14 / ACH-4 / ACH-13 achievements.all', () => {
  test('ACH-14 active achievements in creation order, parsed by the SDK, in the contract shape', async () => {
    const all = await s.client.achievements.all();
    assert.deepEqual(keys(all), ['cards-10', 'cards-5', 'cards-50', 'french-3', 'onboarding', 'pro-welcome', 'week', 'starter']);
    const res = await s.app('GET', '/achievements');
    assertResponse('app', 'GET', '/achievements', 200, res.body);
    for (const a of res.body) assertSchema('app', 'AchievementWithStatsResponse', a);
  });

  test('ACH-4 trigger-specific fields only for their trigger; eventAttribute only with a filter', async () => {
    const res = await s.app('GET', '/achievements');
    const by = Object.fromEntries(res.body.map((a) => [a.key, a]));
    assert.deepEqual(by['french-3'].eventAttributes, [{ key: 'deck', value: 'french' }]);
    assert.deepEqual(by['french-3'].eventAttribute, { key: 'deck', value: 'french' });
    assert.equal(by['french-3'].metricName, cards.name);
    assert.ok(!('eventAttribute' in by['cards-10']));
    assert.equal(by['cards-10'].description, null);
    assert.equal(by['onboarding'].badgeUrl, 'https://example.test/b.png');
    for (const field of ['metricId', 'metricValue', 'eventAttributes', 'streakLength', 'achievementIds']) {
      assert.ok(!(field in by.onboarding), `${field} on an api achievement`);
    }
    assert.equal(by.week.streakLength, 7);
    assert.deepEqual(by.starter.achievementIds, [ids['cards-5'], ids['cards-10']]);
    assert.deepEqual(by['pro-welcome'].userAttributes, [{ key: 'plan', value: 'pro' }]);
  });

  test('ATTR-10 userAttributes filter; malformed or unknown keys are 422', async () => {
    assert.ok(keys(await s.client.achievements.all({ userAttributes: 'plan:pro' })).includes('pro-welcome'));
    assert.ok(!keys(await s.client.achievements.all({ userAttributes: 'plan:free' })).includes('pro-welcome'));
    expectError(await s.app('GET', '/achievements?userAttributes=plan'), 422);
    expectError(await s.app('GET', '/achievements?userAttributes=tier:gold'), 422, 'Invalid attribute keys: tier. Define these attributes before using them.');
  });
});

describe('ACH-11 / ACH-12 achievements.complete', () => {
  test('ACH-11 completes for a new user: 201 with completionId, the achievement and points {}', async () => {
    const id = uid();
    const viaSdk = await s.client.achievements.complete('onboarding', { user: { id, name: 'Ada' } });
    assert.match(viaSdk.completionId, UUID_V4);
    assert.equal(viaSdk.achievement.key, 'onboarding');
    assert.ok(viaSdk.achievement.achievedAt, "achievedAt is set");
    assert.equal((await s.client.users.get(id)).name, 'Ada');
    const res = await s.app('POST', '/achievements/pro-welcome/complete', { body: { user: { id, attributes: { plan: 'pro' } } } });
    assert.equal(res.status, 201, res.text);
    assertResponse('app', 'POST', '/achievements/{key}/complete', 201, res.body);
    assert.match(res.body.achievement.achievedAt, TIMESTAMP);
    assert.deepEqual(res.body.points, {});
  });

  test('ACH-12 a repeat is 201 with the original completion', async () => {
    const id = uid();
    const first = await s.app('POST', '/achievements/onboarding/complete', { body: { user: { id } } });
    const again = await s.app('POST', '/achievements/onboarding/complete', { body: { user: { id } } });
    assert.equal(again.status, 201);
    assert.equal(again.body.completionId, first.body.completionId);
    assert.equal(again.body.achievement.achievedAt, first.body.achievement.achievedAt);
  });

  test('ACH-11 refusals: 404 unknown or inactive, 422 with the exact messages, nothing written', async () => {
    const id = uid();
    const user = { id, attributes: { plan: 'free' } };
    await expectSdkError(s.client.achievements.complete('nope', { user }), 404, 'Achievement not found');
    await expectSdkError(s.client.achievements.complete('cards-draft', { user }), 404, 'Achievement not found');
    await expectSdkError(s.client.achievements.complete('cards-10', { user }), 422, 'Achievement cards-10 is not an API achievement');
    await expectSdkError(s.client.achievements.complete('api-retired', { user }), 422, 'Achievement api-retired is locked');
    await expectSdkError(s.client.achievements.complete('pro-welcome', { user }), 422, 'User does not meet the requirements of achievement pro-welcome');
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
  });

  test('AUTH-7 an application key completes only for its own user', async () => {
    const id = uid();
    const key = (await s.createAppKey(id)).key;
    const mine = s.clientWith(key);
    await expectSdkError(mine.achievements.complete('onboarding', { user: { id: uid() } }), 403);
    assert.equal((await mine.achievements.complete('onboarding', { user: { id } })).achievement.key, 'onboarding');
    assert.ok((await mine.achievements.all()).length > 0);
  });
});

describe('ACH-18 / ACH-6 / ACH-8 achievements in event responses', () => {
  test('ACH-18 one event completes every tier it passes, then the composite', async () => {
    const id = uid();
    const ev = await s.client.metrics.event('cards', { user: { id }, value: 20 });
    assert.deepEqual(keys(ev.achievements), ['cards-5', 'cards-10', 'starter']);
    const next = await s.app('POST', '/metrics/cards/event', { body: { user: { id }, value: 40 } });
    assertSchema('app', 'EventResponse', next.body);
    assert.deepEqual(keys(next.body.achievements), ['cards-50']);
    assert.ok(!('rarity' in next.body.achievements[0]));
    assert.match(next.body.achievements[0].achievedAt, TIMESTAMP);
  });

  test('ACH-6 event attribute filters count only matching events', async () => {
    const id = uid();
    const send = (d, value) => s.client.metrics.event('cards', { user: { id }, value, attributes: { deck: d } });
    assert.ok(!keys((await send('french', 2)).achievements).includes('french-3'));
    assert.ok(!keys((await send('german', 2)).achievements).includes('french-3'));
    assert.ok(keys((await send('french', 1)).achievements).includes('french-3'));
  });

  test('METRIC-9 users.singleMetric lists the metric achievements with progress', async () => {
    const id = uid();
    await s.client.metrics.event('cards', { user: { id }, value: 7 });
    const m = await s.client.users.singleMetric(id, 'cards');
    assert.deepEqual(keys(m.achievements), ['french-3', 'cards-5', 'cards-10', 'cards-50']);
    const res = await s.app('GET', `/users/${id}/metrics/cards`);
    assert.match(res.body.achievements[1].achievedAt, TIMESTAMP);
    assert.equal(res.body.achievements[2].achievedAt, null);
  });
});

describe('ACH-15 / ACH-13 users.achievements', () => {
  test('ACH-15 completions by achievedAt, then open ones with includeIncomplete', async () => {
    const id = uid();
    await s.client.metrics.event('cards', { user: { id }, value: 5 });
    await s.client.achievements.complete('onboarding', { user: { id } });
    assert.deepEqual(keys(await s.client.users.achievements(id)), ['cards-5', 'onboarding']);
    const all = await s.client.users.achievements(id, { includeIncomplete: 'true' });
    assert.deepEqual(keys(all), ['cards-5', 'onboarding', 'cards-10', 'cards-50', 'french-3', 'week', 'starter']);
    const res = await s.app('GET', `/users/${id}/achievements?includeIncomplete=true`);
    assertResponse('app', 'GET', '/users/{id}/achievements', 200, res.body);
    assert.equal(res.body[2].achievedAt, null);
    await expectSdkError(s.client.users.achievements(uid()), 404, 'User not found');
  });

  test('ACH-13 completions and rarity are counted over the users of the scope', async () => {
    const res = await s.app('GET', '/achievements');
    const users = res.body.find((a) => a.key === 'onboarding');
    assert.ok(users.completions >= 1);
    assert.ok(users.rarity > 0 && users.rarity <= 100);
    assert.equal(Math.round(users.rarity * 100), users.rarity * 100, 'two decimals at most');
  });
});

describe('CFG-2 / ACH-2 / ACH-16 admin achievements (plain HTTP)', () => {
  test('CFG-2 create defaults to inactive; issues name what to fix', async () => {
    const res = await s.admin('POST', '/achievements', {
      body: [
        { key: 'adm-new', name: 'New', trigger: 'api' },
        { key: 'adm-new', name: 'Again', trigger: 'api' },
        { key: 'adm-bad', name: 'Bad', trigger: 'achievement', achievementIds: [] },
      ],
    });
    assert.equal(res.status, 201);
    assert.equal(res.body.created[0].status, 'inactive');
    assert.deepEqual(
      res.body.issues.map((i) => [i.index, i.message]),
      [
        [1, 'Key already in use by another achievement'],
        [2, 'achievementIds must list at least one prerequisite achievement'],
      ],
    );
    expectError(await s.admin('GET', '/achievements/not-a-uuid'), 404, 'Achievement not found');
  });

  test('ACH-2 status transitions outside inactive→active→locked→active are issues', async () => {
    const a = await create({ key: uid('adm'), name: 'T', trigger: 'api' });
    const res = await s.admin('PATCH', '/achievements', { body: [{ id: a.id, status: 'locked' }] });
    assert.match(res.body.issues[0].message, /^status cannot change from inactive to locked/);
  });

  test('ACH-16 activating an achievement backdates it silently for users who already qualify', async () => {
    const id = uid();
    await s.client.metrics.event('cards', { user: { id }, value: 300 });
    const a = await create({ key: 'cards-200', name: '200', trigger: 'metric', metricId: cards.id, metricValue: 200 });
    await patch({ id: a.id, status: 'active' });
    await s.waitFor(async () => keys(await s.client.users.achievements(id)).includes('cards-200'), { what: 'backdating' });
    const next = await s.client.metrics.event('cards', { user: { id }, value: 1 });
    assert.deepEqual(next.achievements, []);
  });

  test('CFG-2 deleting: prerequisites are refused; a deleted achievement disappears', async () => {
    const res = await s.admin('DELETE', `/achievements?ids=${ids['cards-5']}`);
    assert.equal(res.body.issues[0].message, 'Achievement is a prerequisite of achievement starter');
    const gone = await create({ key: uid('gone'), name: 'Gone', trigger: 'api', status: 'active' });
    const del = await s.admin('DELETE', `/achievements?ids=${gone.id}`);
    assert.deepEqual(del.body.deleted, [{ id: gone.id }]);
    assert.ok(!keys(await s.client.achievements.all()).includes(gone.key));
  });
});
