// Several stateless nodes on one PostgreSQL (issue 7, EVENT-8, IDEM-7, BATCH-7): three `laurel
// serve` processes share a database, an admin key and one Redis holding the leaderboard rankings;
// interleaved concurrent requests for the same users go to all of them, and every count must come
// out exact, every rank the same whichever node is asked (LB-10, LB-19).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BACKEND, createPostgresDatabase, createRedisNamespace, generateAdminKey, startServer, uid } from '../harness.mjs';

// Runs in the suite's PostgreSQL pass (it always uses PostgreSQL itself).
const skip = BACKEND !== 'postgres';
let db;
let redis;
let nodes = [];
const BOARD = 'multi-cards';
before(async () => {
  if (skip) return;
  db = createPostgresDatabase();
  redis = createRedisNamespace();
  const adminKey = generateAdminKey();
  // Started one after the other: the first applies migrations, the others find them done.
  for (let i = 0; i < 3; i++) {
    nodes.push(await startServer({ database: db.url, adminKey, redis: redis.url }));
  }
  const cards = await nodes[0].createMetric('cards');
  const lb = await nodes[0].admin('POST', '/leaderboards', {
    body: [{ name: 'Cards', key: BOARD, rankBy: 'metric', metricId: cards.id, start: '2025-01-01', status: 'active', maxParticipants: 10000 }],
  });
  assert.equal(lb.status, 201, lb.text);
  assert.deepEqual(lb.body.issues, [], lb.text);
  // An achievement crossed mid-way through the interleaved events, and points for every card.
  const ach = await nodes[0].admin('POST', '/achievements', {
    body: [{ key: 'multi-twenty', name: 'Twenty cards', trigger: 'metric', metricId: cards.id, metricValue: 20, status: 'active' }],
  });
  assert.equal(ach.status, 201, ach.text);
  const pts = await nodes[0].admin('POST', '/points', {
    body: [{ name: 'Multi XP', key: 'multi-xp', triggers: [{ type: 'metric', metricId: cards.id, metricThreshold: 1, points: 3, status: 'active' }] }],
  });
  assert.equal(pts.status, 201, pts.text);
  // Other nodes see configuration changes within a second (they poll a version in the database).
  await new Promise((r) => setTimeout(r, 1200));
});
after(async () => {
  for (const n of nodes) await n.stop();
  db?.drop();
  redis?.clear();
});

/**
 * LB-10 / LB-19: the board read through every node is the same, ranked 1, 2, 3, … by value
 * descending, each value the user's cards total, and each user's own rank agrees with it.
 */
async function assertBoardAgrees(users) {
  const boards = [];
  for (const node of nodes) {
    const board = await node.client.leaderboards.get(BOARD, { limit: 1000 });
    boards.push(board.rankings.map((r) => [r.userId, r.rank, r.value]));
  }
  assert.deepEqual(boards[1], boards[0], 'node 2 ranks like node 1');
  assert.deepEqual(boards[2], boards[0], 'node 3 ranks like node 1');
  const ranked = boards[0];
  assert.deepEqual(ranked.map(([, rank]) => rank), ranked.map((_, i) => i + 1));
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1][2] >= ranked[i][2], 'value descending');
  for (const id of users) {
    const at = ranked.findIndex(([userId]) => userId === id);
    assert.ok(at >= 0, `${id} is ranked`);
    const total = (await nodes[at % 3].client.users.singleMetric(id, 'cards')).current;
    assert.equal(ranked[at][2], total, `${id}'s ranked value is their total`);
    for (const node of nodes) {
      const mine = await node.client.users.leaderboard(id, BOARD);
      assert.equal(mine.rank, at + 1, `${id}'s rank on ${node.baseUrl}`);
      assert.equal(mine.value, total);
    }
  }
}

describe('several nodes on one PostgreSQL', { skip }, () => {
  test('EVENT-8 interleaved concurrent events for the same users on three nodes are all counted once', async () => {
    const users = Array.from({ length: 8 }, () => uid('multi'));
    const sends = [];
    for (let round = 0; round < 25; round++) {
      users.forEach((id, u) => {
        const node = nodes[(round + u) % nodes.length];
        sends.push(node.client.metrics.event('cards', { user: { id }, value: 2 }));
      });
    }
    const responses = await Promise.all(sends);
    assert.equal(responses.length, 200);
    // ACH-5 / EVENT-8: each user completed the achievement exactly once, in exactly one response,
    // and was awarded exactly 3 points per card (2 cards per event, 25 events) whichever node ran it.
    for (const id of users) {
      const completedIn = responses.filter((r, i) => users[i % users.length] === id && r.achievements.some((a) => a.key === 'multi-twenty'));
      assert.equal(completedIn.length, 1, `${id} completes multi-twenty once`);
      for (const node of nodes) {
        const done = await node.client.users.achievements(id);
        assert.equal(done.filter((a) => a.key === 'multi-twenty').length, 1);
        const xp = await node.client.users.points(id, 'multi-xp');
        assert.equal(xp.total, 150, `${id}'s XP on ${node.baseUrl}`);
      }
    }
    for (const id of users) {
      for (const node of nodes) {
        const metric = await node.client.users.singleMetric(id, 'cards');
        assert.equal(metric.current, 50, `${id} on ${node.baseUrl}`);
      }
    }
    // Every response reported a distinct running total: the nodes applied the events one at a time.
    for (const id of users) {
      const totals = responses.filter((_, i) => users[i % users.length] === id).map((r) => r.total).sort((a, b) => a - b);
      assert.deepEqual(totals, Array.from({ length: 25 }, (_, i) => 2 * (i + 1)));
    }
    await assertBoardAgrees(users);
  });

  test('LB-10 / LB-19 interleaved events of different values rank the same through every node', async () => {
    // Totals 12, 24, … 60 with two users on each: ties are broken by the instant reached, then id.
    const users = Array.from({ length: 10 }, () => uid('rank'));
    const sends = [];
    for (let round = 0; round < 12; round++) {
      users.forEach((id, u) => {
        sends.push(nodes[(round * 7 + u) % 3].client.metrics.event('cards', { user: { id }, value: 1 + (u % 5) }));
      });
    }
    const responses = await Promise.all(sends);
    for (const r of responses) assert.ok(BOARD in r.leaderboards, 'LB-31: the board is reported');
    await assertBoardAgrees(users);
  });

  test('IDEM-7 one idempotency key sent to every node at once is processed exactly once', async () => {
    const id = uid('idem');
    const sends = [];
    for (let i = 0; i < 12; i++) {
      sends.push(
        nodes[i % 3].app('POST', '/metrics/cards/event', {
          body: { user: { id }, value: 7 },
          headers: { 'Idempotency-Key': 'once-across-nodes' },
        }),
      );
    }
    const statuses = (await Promise.all(sends)).map((r) => r.status).sort();
    assert.equal(statuses.filter((s) => s === 201).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 202).length, 11);
    assert.equal((await nodes[2].client.users.singleMetric(id, 'cards')).current, 7);
  });

  test('BATCH-7 a batch accepted by one node is applied exactly once while every node works the queue', async () => {
    const users = Array.from({ length: 5 }, () => uid('batch'));
    const items = [];
    for (let i = 0; i < 400; i++) items.push({ key: 'cards', user: { id: users[i % users.length] }, value: 1 });
    const res = await nodes[1].admin('POST', '/metrics/events', { body: items });
    assert.equal(res.status, 202);
    for (const id of users) {
      await nodes[0].waitFor(async () => {
        const r = await nodes[0].app('GET', `/users/${id}/metrics/cards`);
        return r.status === 200 && r.body.current === 80;
      }, { timeoutMs: 60_000, what: `batch applied for ${id}` });
    }
    await new Promise((r) => setTimeout(r, 1000));
    for (const id of users) {
      assert.equal((await nodes[2].client.users.singleMetric(id, 'cards')).current, 80);
    }
  });

  // Issue 8: each node keeps the states of the users it served, and reuses one only while the
  // user's state version in the database is the one it kept: never after another node's write.
  test('EVENT-8 events sent one at a time round the nodes each build on the one before, whichever node kept the user', async () => {
    const id = uid('seq');
    for (let i = 1; i <= 9; i++) {
      const r = await nodes[i % 3].client.metrics.event('cards', { user: { id }, value: 1 });
      assert.equal(r.total, i, `event ${i} through node ${(i % 3) + 1}`);
    }
    const xp = await nodes[0].client.users.points(id, 'multi-xp');
    assert.equal(xp.total, 27);
  });

  test('ATTR-5 / USER-6 user writes and an attribute deletion on one node are what the next event on another node builds on', async () => {
    const tier = await nodes[0].createAttribute(uid('tier'), 'user');
    const team = await nodes[0].createAttribute(uid('team'), 'user');
    await new Promise((r) => setTimeout(r, 1200));
    const id = uid('attr');
    await nodes[1].client.metrics.event('cards', { user: { id, attributes: { [tier.key]: 'gold', [team.key]: 'red' } }, value: 1 });
    // USER-6 on node 1; node 2's next event builds on it, and node 2 keeps that state.
    await nodes[0].client.users.update(id, { name: 'Renamed on node 1' });
    await nodes[1].client.metrics.event('cards', { user: { id }, value: 1 });
    // ATTR-5 on node 3, outside any event.
    const del = await nodes[2].admin('DELETE', `/attributes?ids=${tier.id}`);
    assert.equal(del.status, 200, del.text);
    assert.deepEqual(del.body.deleted, [{ id: tier.id }]);
    await new Promise((r) => setTimeout(r, 1200));
    // The next event on node 2 changes the profile: it must merge into the stored user, not the kept one.
    const r = await nodes[1].client.metrics.event('cards', { user: { id, attributes: { [team.key]: 'blue' } }, value: 1 });
    assert.equal(r.total, 3);
    for (const node of nodes) {
      const user = await node.client.users.get(id);
      assert.equal(user.name, 'Renamed on node 1', `name through ${node.baseUrl}`);
      assert.deepEqual(user.attributes, { [team.key]: 'blue' }, `attributes through ${node.baseUrl}`);
    }
  });

  test('configuration made on one node is served by the others', async () => {
    await nodes[2].createMetric('quizzes');
    await new Promise((r) => setTimeout(r, 1200));
    const id = uid('cfg');
    const r = await nodes[0].client.metrics.event('quizzes', { user: { id }, value: 3 });
    assert.equal(r.total, 3);
  });
});
