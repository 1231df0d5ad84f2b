// PREF: notification preferences through the SDK, streak preferences over plain HTTP (SDK-10).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertResponse, assertSchema, expectError, expectSdkError, startServer, uid } from '../harness.mjs';

let s;
before(async () => {
  s = await startServer();
  await s.createMetric('workouts');
});
after(async () => {
  await s?.stop();
});

async function newUser() {
  const id = uid();
  await s.client.users.create({ id });
  return id;
}

async function rawPrefs(id) {
  const res = await s.app('GET', `/users/${id}/preferences`);
  assert.equal(res.status, 200, res.text);
  assertSchema('app', 'UserPreferencesResponse', res.body);
  return res.body;
}

describe('PREF-2 / PREF-3 reading preferences', () => {
  test('PREF-2 a new user has exactly {"notifications": {}}', async () => {
    const id = await newUser();
    const res = await s.app('GET', `/users/${id}/preferences`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { notifications: {} });
    const viaSdk = await s.client.users.getPreferences(id);
    assert.deepEqual(viaSdk.notifications, {});
    assert.equal(viaSdk.streak, undefined);
  });

  test('PREF-3 / PREF-4 unknown users are 404 for GET and PATCH, and PATCH creates nobody', async () => {
    const id = uid();
    await expectSdkError(s.client.users.getPreferences(id), 404, 'User not found');
    await expectSdkError(
      s.client.users.updatePreferences(id, { notifications: { recap: ['email'] } }),
      404,
      'User not found',
    );
    expectError(await s.app('PATCH', `/users/${id}/preferences`, { body: { streak: { enabled: false } } }), 404, 'User not found');
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
  });
});

describe('PREF-4 notification preferences', () => {
  test('PREF-4 the SDK sets a type; channels come back in the order email, push', async () => {
    const id = await newUser();
    const res = await s.client.users.updatePreferences(id, {
      notifications: { streakReminder: ['push', 'email'] },
    });
    assert.deepEqual(res.notifications.streakReminder, ['email', 'push']);
    const raw = await rawPrefs(id);
    assert.deepEqual(raw, { notifications: { streak_reminder: ['email', 'push'] } });
  });

  test('PREF-4 a type present replaces its channels; types not present are unchanged; [] disables', async () => {
    const id = await newUser();
    await s.client.users.updatePreferences(id, {
      notifications: { achievementCompleted: ['email', 'push'], recap: ['email'] },
    });
    const replaced = await s.client.users.updatePreferences(id, { notifications: { achievementCompleted: ['push'] } });
    assert.deepEqual(replaced.notifications.achievementCompleted, ['push']);
    assert.deepEqual(replaced.notifications.recap, ['email']);
    const disabled = await s.client.users.updatePreferences(id, { notifications: { recap: [] } });
    assert.deepEqual(disabled.notifications.recap, []);
    assert.deepEqual(disabled.notifications.achievementCompleted, ['push']);
    assert.deepEqual(await rawPrefs(id), { notifications: { achievement_completed: ['push'], recap: [] } });
  });

  test('USER-11 changing preferences does not move the user\'s updated timestamp', async () => {
    const id = await newUser();
    const before = (await s.app('GET', `/users/${id}`)).body.updated;
    await new Promise((r) => setTimeout(r, 15));
    await s.client.users.updatePreferences(id, { notifications: { recap: ['email'] } });
    await s.app('PATCH', `/users/${id}/preferences`, { body: { streak: { enabled: false } } });
    assert.equal((await s.app('GET', `/users/${id}`)).body.updated, before);
  });

  test('PREF-4 duplicate channels collapse; the response is the full UserPreferencesResponse', async () => {
    const id = await newUser();
    const res = await s.app('PATCH', `/users/${id}/preferences`, {
      body: { notifications: { reactivation: ['push', 'push', 'email', 'email'] } },
    });
    assert.equal(res.status, 200, res.text);
    assertResponse('app', 'PATCH', '/users/{id}/preferences', 200, res.body);
    assert.deepEqual(res.body, { notifications: { reactivation: ['email', 'push'] } });
  });

  test('PREF-4 an unknown notification type or channel is 422 and changes nothing', async () => {
    const id = await newUser();
    await s.client.users.updatePreferences(id, { notifications: { recap: ['email'] } });
    expectError(await s.app('PATCH', `/users/${id}/preferences`, { body: { notifications: { weekly_digest: ['email'] } } }), 422);
    expectError(await s.app('PATCH', `/users/${id}/preferences`, { body: { notifications: { recap: ['sms'] } } }), 422);
    expectError(
      await s.app('PATCH', `/users/${id}/preferences`, { body: { notifications: { recap: ['push'], bogus: ['email'] } } }),
      422,
    );
    assert.deepEqual(await rawPrefs(id), { notifications: { recap: ['email'] } });
  });
});

describe('PREF-4 / SDK-10 streak preferences over plain HTTP', () => {
  test('PREF-4 streak.enabled may always be set; PREF-3 streak appears once stored', async () => {
    const id = await newUser();
    const res = await s.app('PATCH', `/users/${id}/preferences`, { body: { streak: { enabled: false } } });
    assert.equal(res.status, 200, res.text);
    assertResponse('app', 'PATCH', '/users/{id}/preferences', 200, res.body);
    assert.deepEqual(res.body, { notifications: {}, streak: { enabled: false } });
    assert.deepEqual(await rawPrefs(id), { notifications: {}, streak: { enabled: false } });
    const viaSdk = await s.client.users.getPreferences(id);
    assert.deepEqual(viaSdk.notifications, {});
    const back = await s.app('PATCH', `/users/${id}/preferences`, { body: { streak: { enabled: true } } });
    assert.equal(back.body.streak.enabled, true);
  });

  test('PREF-4 evaluationMode or metrics without streak personalisation: 403 "Streak customization is not enabled", nothing changes', async () => {
    const id = await newUser();
    const msg = 'Streak customization is not enabled';
    expectError(
      await s.app('PATCH', `/users/${id}/preferences`, { body: { streak: { evaluationMode: 'OR' } } }),
      403,
      msg,
    );
    expectError(
      await s.app('PATCH', `/users/${id}/preferences`, {
        body: { notifications: { recap: ['email'] }, streak: { enabled: false, metrics: [{ key: 'workouts', threshold: 1 }] } },
      }),
      403,
      msg,
    );
    assert.deepEqual(await rawPrefs(id), { notifications: {} });
  });

  test('SDK-10 the SDK strips streak from preference updates (it only reaches notifications)', async () => {
    const id = await newUser();
    const res = await s.client.users.updatePreferences(id, {
      notifications: { recap: ['push'] },
      streak: { enabled: false },
    });
    assert.deepEqual(res.notifications.recap, ['push']);
    assert.deepEqual(await rawPrefs(id), { notifications: { recap: ['push'] } });
  });
});
