// USER and ATTR (values on users): create, get, identify, update through the SDK, checked on the
// wire against the User contract (GEN-4 nulls, GEN-7 timestamps).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertSchema, expectError, expectSdkError, startServer, TIMESTAMP, uid, sleep } from '../harness.mjs';

let s;
before(async () => {
  s = await startServer();
  await s.createAttributes([
    { name: 'Plan', key: 'plan', type: 'user' },
    { name: 'Country', key: 'country', type: 'user' },
    { name: 'Device', key: 'device', type: 'event' },
  ]);
  await s.createMetric('lessons');
});
after(async () => {
  await s?.stop();
});

/** GET /v1/users/{id} over plain HTTP, checked against the contract. */
async function rawUser(id) {
  const res = await s.app('GET', `/users/${encodeURIComponent(id)}`);
  assert.equal(res.status, 200, res.text);
  assertSchema('app', 'User', res.body);
  return res.body;
}

describe('USER-6 endpoints', () => {
  test('USER-6 / USER-2 / USER-13 POST /users creates with defaults: 201 and the User contract', async () => {
    const id = uid();
    const res = await s.app('POST', '/users', { body: { id } });
    assert.equal(res.status, 201, res.text);
    assertSchema('app', 'User', res.body);
    assert.deepEqual(
      Object.keys(res.body).sort(),
      ['attributes', 'control', 'created', 'deviceTokens', 'email', 'id', 'name', 'subscribeToEmails', 'tz', 'updated'],
    );
    const { created, updated, ...rest } = res.body;
    assert.deepEqual(rest, {
      id,
      email: null,
      name: null,
      tz: null,
      deviceTokens: [],
      subscribeToEmails: true,
      attributes: {},
      control: false,
    });
    assert.match(created, TIMESTAMP);
    assert.match(updated, TIMESTAMP);
    assert.equal(created, updated);
  });

  test('GEN-4 unset email, name and tz are emitted as null; GEN-7 timestamps have milliseconds and Z', async () => {
    const id = uid();
    await s.client.users.create({ id });
    const res = await s.app('GET', `/users/${id}`);
    assert.match(res.text, /"email":null/);
    assert.match(res.text, /"name":null/);
    assert.match(res.text, /"tz":null/);
    assert.match(res.body.created, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    assert.ok(Math.abs(Date.parse(res.body.created) - Date.now()) < 60_000, 'created is now');
  });

  test('USER-6 SDK users.create, get, identify and update round-trip', async () => {
    const id = uid();
    const created = await s.client.users.create({
      id,
      email: 'ada@example.com',
      name: 'Ada',
      tz: 'Europe/London',
      deviceTokens: ['t1'],
      subscribeToEmails: true,
      attributes: { plan: 'pro' },
    });
    assert.equal(created.id, id);
    assert.equal(created.email, 'ada@example.com');
    assert.ok(created.created instanceof Date, 'the SDK parsed created as a date');
    const got = await s.client.users.get(id);
    assert.equal(got.name, 'Ada');
    assert.equal(got.tz, 'Europe/London');
    assert.deepEqual(got.deviceTokens, ['t1']);
    assert.deepEqual(got.attributes, { plan: 'pro' });
    const identified = await s.client.users.identify(id, { name: 'Ada L.' });
    assert.equal(identified.name, 'Ada L.');
    assert.equal(identified.email, 'ada@example.com', 'absent fields are unchanged (USER-5)');
    const updated = await s.client.users.update(id, { tz: 'America/New_York' });
    assert.equal(updated.tz, 'America/New_York');
    assert.equal(updated.name, 'Ada L.');
  });

  test('USER-6 POST /users for an existing id is 400 "User <id> already exists" and changes nothing', async () => {
    const id = uid();
    await s.client.users.create({ id, name: 'First' });
    await expectSdkError(s.client.users.create({ id, name: 'Second' }), 400, `User ${id} already exists`);
    const res = await s.app('POST', '/users', { body: { id, name: 'Third' } });
    expectError(res, 400, `User ${id} already exists`);
    assert.equal((await rawUser(id)).name, 'First');
  });

  test('USER-6 PUT /users/{id} upserts: 200 when creating and when updating', async () => {
    const id = uid();
    const first = await s.app('PUT', `/users/${id}`, { body: { name: 'New' } });
    assert.equal(first.status, 200, first.text);
    assertSchema('app', 'User', first.body);
    assert.equal(first.body.name, 'New');
    const second = await s.app('PUT', `/users/${id}`, { body: { email: 'new@example.com' } });
    assert.equal(second.status, 200, second.text);
    assert.equal(second.body.name, 'New');
    assert.equal(second.body.email, 'new@example.com');
    assert.equal(second.body.created, first.body.created);
  });

  test('USER-6 PUT ignores an id in the body; PATCH ignores it too', async () => {
    const id = uid();
    const res = await s.app('PUT', `/users/${id}`, { body: { id: 'someone-else', name: 'N' } });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.id, id);
    const patched = await s.app('PATCH', `/users/${id}`, { body: { id: 'someone-else', name: 'M' } });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.id, id);
    expectError(await s.app('GET', '/users/someone-else'), 404, 'User not found');
  });

  test('USER-6 / USER-3 GET and PATCH of an unknown user are 404 "User not found" and create nothing', async () => {
    const id = uid();
    await expectSdkError(s.client.users.get(id), 404, 'User not found');
    await expectSdkError(s.client.users.update(id, { name: 'x' }), 404, 'User not found');
    expectError(await s.app('PATCH', `/users/${id}`, { body: { name: 'x' } }), 404, 'User not found');
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
  });

  test('USER-1 ids are case-sensitive; empty or over 255 characters is a validation error', async () => {
    const id = uid('Case');
    await s.client.users.create({ id });
    expectError(await s.app('GET', `/users/${id.toLowerCase()}`), 404, 'User not found');
    expectError(await s.app('POST', '/users', { body: { id: 'x'.repeat(256) } }), 422);
    expectError(await s.app('POST', '/users', { body: { id: '' } }), 422);
    const long = 'y'.repeat(255);
    const ok = await s.app('POST', '/users', { body: { id: long } });
    assert.equal(ok.status, 201, ok.text);
  });

  test('ERR-3 POST /users without an id, or with a non-string id, is 400', async () => {
    expectError(await s.app('POST', '/users', { body: { name: 'no id' } }), 400);
    expectError(await s.app('POST', '/users', { body: { id: 12 } }), 400);
    expectError(await s.app('POST', '/users', { body: [] }), 400);
  });
});

describe('USER-5 upsert semantics and GEN-6 nulls', () => {
  test('GEN-6 / SDK-4 null fields in a request leave the stored value unchanged', async () => {
    const id = uid();
    await s.client.users.create({ id, name: 'Keep', tz: 'Europe/Paris', email: 'k@example.com' });
    // The SDK sends undefined keys as null (SDK-4).
    const updated = await s.client.users.identify(id, { name: 'Kept', tz: undefined, email: undefined });
    assert.equal(updated.name, 'Kept');
    assert.equal(updated.tz, 'Europe/Paris');
    assert.equal(updated.email, 'k@example.com');
    const res = await s.app('PATCH', `/users/${id}`, {
      body: { name: null, tz: null, email: null, deviceTokens: null, attributes: null, subscribeToEmails: null },
    });
    assert.equal(res.status, 200, res.text);
    assert.equal(res.body.name, 'Kept');
    assert.equal(res.body.tz, 'Europe/Paris');
    assert.equal(res.body.email, 'k@example.com');
    assert.equal(res.body.subscribeToEmails, true);
  });

  test('USER-11 updated moves only when a stored field changes; created never moves', async () => {
    const id = uid();
    const first = (await s.app('POST', '/users', { body: { id, name: 'Same' } })).body;
    await sleep(15);
    const same = (await s.app('PATCH', `/users/${id}`, { body: { name: 'Same' } })).body;
    assert.equal(same.updated, first.updated, 'no change, no new updated');
    await sleep(15);
    const changed = (await s.app('PATCH', `/users/${id}`, { body: { name: 'Other' } })).body;
    assert.ok(Date.parse(changed.updated) > Date.parse(first.updated), 'updated moved');
    assert.equal(changed.created, first.created);
  });
});

describe('USER-7..USER-10 field validation', () => {
  test('USER-7 an unknown or fixed-offset tz is 422 "Invalid timezone: <tz>"', async () => {
    const id = uid();
    await expectSdkError(s.client.users.create({ id, tz: 'Mars/Olympus_Mons' }), 422, 'Invalid timezone: Mars/Olympus_Mons');
    await expectSdkError(s.client.users.create({ id, tz: '+01:00' }), 422, 'Invalid timezone: +01:00');
    await expectSdkError(s.client.users.identify(id, { tz: 'Not/AZone' }), 422, 'Invalid timezone: Not/AZone');
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
  });

  test('USER-7 region ids, UTC and Etc zones are accepted', async () => {
    for (const tz of ['Europe/London', 'America/New_York', 'UTC', 'Etc/GMT+5', 'Asia/Kolkata']) {
      const u = await s.client.users.create({ id: uid(), tz });
      assert.equal(u.tz, tz);
    }
  });

  test('USER-8 a malformed email is 422 "Invalid email"', async () => {
    for (const email of ['no-at-sign', '@example.com', 'user@', 'a@b@c.com', `${'x'.repeat(315)}@e.com`]) {
      await expectSdkError(s.client.users.create({ id: uid(), email }), 422, 'Invalid email');
    }
    const id = uid();
    await s.client.users.create({ id });
    await expectSdkError(s.client.users.update(id, { email: 'bad' }), 422, 'Invalid email');
    const ok = await s.client.users.update(id, { email: 'good@example.com' });
    assert.equal(ok.email, 'good@example.com');
  });

  test('USER-9 subscribeToEmails: true without any email is 422 with the exact message', async () => {
    const msg = 'An email is required when subscribeToEmails is true';
    const id = uid();
    await expectSdkError(s.client.users.create({ id, subscribeToEmails: true }), 422, msg);
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
    await s.client.users.create({ id });
    await expectSdkError(s.client.users.update(id, { subscribeToEmails: true }), 422, msg);
    const withEmail = await s.client.users.update(id, { subscribeToEmails: true, email: 'sub@example.com' });
    assert.equal(withEmail.subscribeToEmails, true);
    assert.equal(withEmail.email, 'sub@example.com');
    // Once an email is stored, true alone is fine.
    const again = await s.client.users.update(id, { subscribeToEmails: true });
    assert.equal(again.email, 'sub@example.com');
  });

  test('USER-9 subscribeToEmails: false clears and then discards emails', async () => {
    const id = uid();
    await s.client.users.create({ id, email: 'gone@example.com' });
    const off = await s.app('PATCH', `/users/${id}`, { body: { subscribeToEmails: false } });
    assert.equal(off.status, 200, off.text);
    assert.equal(off.body.subscribeToEmails, false);
    assert.equal(off.body.email, null);
    const later = await s.app('PATCH', `/users/${id}`, { body: { email: 'back@example.com' } });
    assert.equal(later.body.email, null, 'email discarded while the flag stays false');
    assert.equal(later.body.subscribeToEmails, false);
  });

  test('USER-9 EXT the misspelling subscribedToEmails is accepted as an alias', async () => {
    const id = uid();
    const res = await s.app('POST', '/users', { body: { id, subscribedToEmails: false } });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.body.subscribeToEmails, false);
    assert.equal(res.body.subscribedToEmails, undefined, 'output uses subscribeToEmails only');
  });

  test('USER-10 deviceTokens replace the list, drop duplicates keeping order, [] clears', async () => {
    const id = uid();
    const u = await s.client.users.create({ id, deviceTokens: ['b', 'a', 'b', 'c', 'a'] });
    assert.deepEqual(u.deviceTokens, ['b', 'a', 'c']);
    const replaced = await s.client.users.update(id, { deviceTokens: ['z'] });
    assert.deepEqual(replaced.deviceTokens, ['z']);
    const cleared = await s.client.users.update(id, { deviceTokens: [] });
    assert.deepEqual(cleared.deviceTokens, []);
    expectError(await s.app('PATCH', `/users/${id}`, { body: { deviceTokens: [''] } }), 422);
    expectError(await s.app('PATCH', `/users/${id}`, { body: { deviceTokens: Array.from({ length: 101 }, (_, i) => `t${i}`) } }), 422);
    expectError(await s.app('PATCH', `/users/${id}`, { body: { deviceTokens: [1] } }), 400);
  });
});

describe('ATTR-6..ATTR-9 user attributes', () => {
  test('ATTR-6 unknown user attribute keys: 422 with the offending keys in request order', async () => {
    const id = uid();
    await expectSdkError(
      s.client.users.create({ id, attributes: { pln: 'x', plan: 'pro', devise: 'EUR' } }),
      422,
      'Invalid attribute keys: pln, devise. Define these attributes before using them.',
    );
    expectError(await s.app('GET', `/users/${id}`), 404, 'User not found');
    // An event attribute is not a user attribute (ATTR-2 types).
    await expectSdkError(
      s.client.users.identify(id, { attributes: { device: 'ios' } }),
      422,
      'Invalid attribute keys: device. Define these attributes before using them.',
    );
  });

  test('ATTR-6 non-string attribute values are 400 on POST /users; over 1000 characters is 422', async () => {
    expectError(await s.app('POST', '/users', { body: { id: uid(), attributes: { plan: 3 } } }), 400);
    expectError(await s.app('POST', '/users', { body: { id: uid(), attributes: { plan: { a: 'b' } } } }), 400);
    expectError(await s.app('POST', '/users', { body: { id: uid(), attributes: { plan: 'x'.repeat(1001) } } }), 422);
    const ok = await s.app('POST', '/users', { body: { id: uid(), attributes: { plan: 'x'.repeat(1000) } } });
    assert.equal(ok.status, 201, ok.text);
  });

  test('ATTR-7 attributes merge key by key; EXT a null value removes the key; ATTR-9 empty string is a value', async () => {
    const id = uid();
    await s.client.users.create({ id, attributes: { plan: 'free' } });
    const merged = await s.client.users.update(id, { attributes: { country: 'FR' } });
    assert.deepEqual(merged.attributes, { plan: 'free', country: 'FR' });
    const changed = await s.client.users.identify(id, { attributes: { plan: 'pro' } });
    assert.deepEqual(changed.attributes, { plan: 'pro', country: 'FR' });
    const removed = await s.app('PATCH', `/users/${id}`, { body: { attributes: { country: null } } });
    assert.equal(removed.status, 200, removed.text);
    assert.deepEqual(removed.body.attributes, { plan: 'pro' });
    const empty = await s.client.users.update(id, { attributes: { country: '' } });
    assert.deepEqual(empty.attributes, { plan: 'pro', country: '' });
  });

  test('ATTR-8 event attributes never change user attributes', async () => {
    const id = uid();
    await s.client.users.create({ id, attributes: { plan: 'free' } });
    await s.client.metrics.event('lessons', { user: { id }, value: 1, attributes: { device: 'ios' } });
    const u = await rawUser(id);
    assert.deepEqual(u.attributes, { plan: 'free' });
  });
});
