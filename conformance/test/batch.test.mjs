// BATCH-1..BATCH-7: admin POST /metrics/events over plain HTTP (SDK-8) — up-front validation, all
// or nothing, 202 acceptance, asynchronous exactly-once processing, idempotency keys (IDEM-2).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertResponse, assertSchema, expectError, startServer, uid } from '../harness.mjs';
import { randomUUID } from 'node:crypto';

let s;
before(async () => {
  s = await startServer();
  await s.createMetrics([
    { name: 'Runs', key: 'runs' },
    { name: 'Kilometres', key: 'km', units: 'km' },
  ]);
  await s.createAttributes([
    { name: 'Plan', key: 'plan', type: 'user' },
    { name: 'Surface', key: 'surface', type: 'event' },
  ]);
});
after(async () => {
  await s?.stop();
});

const MiB = 1024 * 1024;

function batch(items, opts = {}) {
  return s.admin('POST', '/metrics/events', { body: items, ...opts });
}

async function accept(items) {
  const res = await batch(items);
  assert.equal(res.status, 202, res.text);
  assertSchema('admin', 'BatchEventsResponse', res.body);
  assertResponse('admin', 'POST', '/metrics/events', 202, res.body);
  assert.deepEqual(res.body, { accepted: items.length });
  return res.body;
}

/** The user's total for a metric, or null while the user does not exist. */
async function currentTotal(user, metric) {
  const res = await s.app('GET', `/users/${encodeURIComponent(user)}/metrics/${metric}`);
  if (res.status === 404) return null;
  assert.equal(res.status, 200, res.text);
  return res.body.current;
}

async function waitTotal(user, metric, expected) {
  await s.waitFor(async () => (await currentTotal(user, metric)) === expected, {
    what: `${user}'s ${metric} total to reach ${expected}`,
  });
}

/** Accepts a one-item batch for a fresh user and waits until it is processed: a barrier. */
async function barrier() {
  const user = uid('barrier');
  await accept([{ key: 'runs', user: { id: user }, value: 1 }]);
  await waitTotal(user, 'runs', 1);
}

describe('BATCH-3 / BATCH-4 / BATCH-7 acceptance and processing', () => {
  test('BATCH-3 202 {accepted: N}; BATCH-4 every item is processed exactly once (totals)', async () => {
    const a = uid('a');
    const b = uid('b');
    const items = [];
    for (let i = 0; i < 50; i++) items.push({ key: 'runs', user: { id: a }, value: 1 });
    for (let i = 0; i < 30; i++) items.push({ key: 'km', user: { id: b }, value: 2.5 });
    items.push({ key: 'runs', user: { id: b }, value: -4 });
    await accept(items);
    await waitTotal(a, 'runs', 50);
    await waitTotal(b, 'km', 75);
    await waitTotal(b, 'runs', -4);
    await barrier();
    assert.equal(await currentTotal(a, 'runs'), 50, 'still exactly once after later processing');
    assert.equal(await currentTotal(b, 'km'), 75);
  });

  test('BATCH-4 / USER-3 items identify users inline: fields and attributes are applied', async () => {
    const user = uid('inline');
    await accept([
      { key: 'runs', user: { id: user, name: 'Batch', tz: 'Europe/Madrid', attributes: { plan: 'pro' } }, value: 1 },
      { key: 'runs', user: { id: user, email: 'batch@example.com' }, value: 1, attributes: { surface: 'trail' } },
    ]);
    await waitTotal(user, 'runs', 2);
    const u = await s.client.users.get(user);
    assert.equal(u.name, 'Batch');
    assert.equal(u.tz, 'Europe/Madrid');
    assert.equal(u.email, 'batch@example.com');
    assert.deepEqual(u.attributes, { plan: 'pro' }, 'event attributes never change user attributes (ATTR-8)');
  });

  test('BATCH-1 up to 1000 items are accepted; GEN-12 the batch limit is 8 MiB, not 1 MiB', async () => {
    const user = uid('big');
    const pad = 'p'.repeat(1100);
    const items = Array.from({ length: 1000 }, () => ({ key: 'runs', user: { id: user }, value: 1, padding: pad }));
    const body = JSON.stringify(items);
    assert.ok(body.length > MiB, 'the body is over 1 MiB');
    const res = await batch(body);
    assert.equal(res.status, 202, res.text.slice(0, 300));
    assert.deepEqual(res.body, { accepted: 1000 });
    await waitTotal(user, 'runs', 1000);
  });

  test('GEN-12 a batch body over 8 MiB is 413', async () => {
    const user = uid('huge');
    const body = JSON.stringify([{ key: 'runs', user: { id: user }, value: 1, padding: 'x'.repeat(8 * MiB + 16) }]);
    expectError(await batch(body), 413);
    await barrier();
    assert.equal(await currentTotal(user, 'runs'), null);
  });
});

describe('BATCH-2 up-front validation, all or nothing', () => {
  test('BATCH-2 a malformed item is 400 "Item <index>: <reason>" and no item is accepted', async () => {
    const user = uid('mal');
    const res = await batch([
      { key: 'runs', user: { id: user }, value: 1 },
      { key: 'runs', user: { id: user }, value: 1 },
      { key: 'runs', user: { id: user }, value: 'one' },
    ]);
    expectError(res, 400, /^Item 2: /);
    const noUser = await batch([{ key: 'runs', user: { id: user }, value: 1 }, { key: 'runs', value: 1 }]);
    expectError(noUser, 400, /^Item 1: /);
    const noKey = await batch([{ user: { id: user }, value: 1 }]);
    expectError(noKey, 400, /^Item 0: /);
    const notObject = await batch([{ key: 'runs', user: { id: user }, value: 1 }, 'item']);
    expectError(notObject, 400, /^Item 1: /);
    const badAttr = await batch([{ key: 'runs', user: { id: user }, value: 1, attributes: { surface: 5 } }]);
    expectError(badAttr, 400, /^Item 0: /);
    await barrier();
    assert.equal(await currentTotal(user, 'runs'), null, 'nothing of the refused batches was processed');
  });

  test('BATCH-2 an item naming an unknown metric is 404 "Metric not found: <key>" and no item is accepted', async () => {
    const user = uid('unk');
    const res = await batch([
      { key: 'runs', user: { id: user }, value: 1 },
      { key: 'swims', user: { id: user }, value: 1 },
    ]);
    expectError(res, 404, 'Metric not found: swims');
    await barrier();
    assert.equal(await currentTotal(user, 'runs'), null);
  });

  test('BATCH-2 an item failing a semantic check is 422 "Item <index>: <reason>" and no item is accepted', async () => {
    const user = uid('sem');
    const cases = [
      [{ key: 'runs', user: { id: user, tz: 'Bad/Zone' }, value: 1 }, 'Invalid timezone: Bad/Zone'],
      [{ key: 'runs', user: { id: user, email: 'nope' }, value: 1 }, 'Invalid email'],
      [{ key: 'runs', user: { id: user }, value: 2e12 }, 'value is out of range'],
      [
        { key: 'runs', user: { id: user }, value: 1, attributes: { colour: 'red' } },
        'Invalid attribute keys: colour. Define these attributes before using them.',
      ],
      [
        { key: 'runs', user: { id: user }, value: 1, idempotencyKey: 'i'.repeat(256) },
        'Idempotency-Key must be at most 255 characters',
      ],
    ];
    for (const [bad, reason] of cases) {
      const res = await batch([{ key: 'runs', user: { id: user }, value: 1 }, bad]);
      expectError(res, 422, `Item 1: ${reason}`);
    }
    await barrier();
    assert.equal(await currentTotal(user, 'runs'), null);
  });

  test('BATCH-2 precedence: malformed (400) before unknown metric (404) before semantic (422)', async () => {
    const user = uid('prec');
    expectError(
      await batch([
        { key: 'runs', user: { id: user, tz: 'Bad/Zone' }, value: 1 },
        { key: 'nope', user: { id: user }, value: 1 },
        { key: 'runs', user: { id: user }, value: null },
      ]),
      400,
      /^Item 2: /,
    );
    expectError(
      await batch([
        { key: 'runs', user: { id: user, tz: 'Bad/Zone' }, value: 1 },
        { key: 'nope', user: { id: user }, value: 1 },
      ]),
      404,
      'Metric not found: nope',
    );
  });

  test('BATCH-2 / ADM-2 a body that is not an array, empty, or over 1000 items is 422', async () => {
    const user = uid('shape');
    expectError(await batch({ key: 'runs', user: { id: user }, value: 1 }), 422);
    expectError(await batch([]), 422);
    const many = Array.from({ length: 1001 }, () => ({ key: 'runs', user: { id: user }, value: 1 }));
    expectError(await batch(many), 422);
    expectError(await batch('"text"'), 422);
    await barrier();
    assert.equal(await currentTotal(user, 'runs'), null);
  });
});

describe('BATCH-5 / IDEM-2 idempotency keys in batches', () => {
  test('BATCH-5 an item whose key was already used (earlier in the batch, or by a single event) is skipped; accepted counts all items', async () => {
    const user = uid('idem');
    const used = randomUUID();
    await s.client.metrics.event('runs', { idempotencyKey: used, user: { id: user }, value: 100 });
    const k = randomUUID();
    const res = await accept([
      { key: 'runs', user: { id: user }, value: 1, idempotencyKey: k },
      { key: 'runs', user: { id: user }, value: 1, idempotencyKey: k },
      { key: 'runs', user: { id: user }, value: 1, idempotencyKey: used },
      { key: 'km', user: { id: user }, value: 1, idempotencyKey: k },
      { key: 'runs', user: { id: user }, value: 10 },
    ]);
    assert.equal(res.accepted, 5);
    await waitTotal(user, 'km', 1);
    await waitTotal(user, 'runs', 111);
    await barrier();
    assert.equal(await currentTotal(user, 'runs'), 111);
    // A single event with a key first used in a batch is a replay (shared namespace, IDEM-2).
    const replay = await s.app('POST', '/metrics/runs/event', {
      body: { user: { id: user }, value: 1 },
      headers: { 'Idempotency-Key': k },
    });
    assert.equal(replay.status, 202, replay.text);
    assert.equal(replay.body.idempotentReplayed, true);
    assert.equal(replay.body.total, 111);
  });
});
