// Hash routes: every screen has one address, a name survives any character, and an address that
// names no screen lands on Clusters.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatRoute, groupScreen, groupsScreen, homeScreen, messagesScreen, messagesTopic, parseRoute, type Screen } from '../../renderer/routes';

const screens: Array<[Screen, string]> = [
  [{ kind: 'clusters' }, '#/clusters'],
  [{ kind: 'clusters', edit: '3f2c9a' }, '#/clusters/edit/3f2c9a'],
  [{ kind: 'sandbox' }, '#/sandbox'],
  [{ kind: 'cluster', clusterId: 'local-sandbox', section: 'overview' }, '#/cluster/local-sandbox/overview'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'brokers' }, '#/cluster/c1/brokers'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'topics' }, '#/cluster/c1/topics'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'groups' }, '#/cluster/c1/groups'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'topics', topic: 'orders' }, '#/cluster/c1/topics/orders'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'topics', topic: 'orders', tab: 'partitions' }, '#/cluster/c1/topics/orders/partitions'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'topics', health: 'under-replicated' }, '#/cluster/c1/topics?health=under-replicated'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'topics', health: 'under-min-isr', topic: 'orders' }, '#/cluster/c1/topics/orders?health=under-min-isr'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'brokers', broker: 0 }, '#/cluster/c1/brokers/0'],
  [{ kind: 'cluster', clusterId: 'c1', section: 'brokers', broker: 1002 }, '#/cluster/c1/brokers/1002'],
];

test('each screen formats to its address and parses back', () => {
  for (const [screen, route] of screens) {
    assert.equal(formatRoute(screen), route);
    assert.deepEqual(parseRoute(route), screen, route);
  }
});

test('names are percent-encoded, so "/", "#", "%", spaces and non-ASCII stay inside their segment', () => {
  const topic = 'a/b#c%d e?f.ü';
  const screen: Screen = { kind: 'cluster', clusterId: 'id/with#odd', section: 'topics', topic, tab: 'messages' };
  const route = formatRoute(screen);
  assert.equal(route, '#/cluster/id%2Fwith%23odd/topics/a%2Fb%23c%25d%20e%3Ff.%C3%BC/messages');
  assert.deepEqual(parseRoute(route), screen);
  assert.deepEqual(parseRoute('#/clusters/edit/a%2Fb'), { kind: 'clusters', edit: 'a/b' });
});

test('an empty, unknown or malformed address lands on Clusters', () => {
  for (const hash of [
    '',
    '#',
    '#/',
    '#/nowhere',
    '#/clusters/new',
    '#/clusters/edit',
    '#/clusters/edit/a/b',
    '#/sandbox/extra',
    '#/cluster',
    '#/cluster/c1',
    '#/cluster/c1/partitions',
    '#/cluster/c1/brokers/orders',
    '#/cluster/c1/brokers/-1',
    '#/cluster/c1/brokers/1/configs',
    '#/cluster/c1/overview/1',
    '#/cluster/c1/topics/orders/partitions/extra',
    '#/cluster//overview',
    '#/cluster/c1/topics//partitions',
    '#/cluster/%E0%A4%A/overview',
    '#/cluster/c1/topics/100%/partitions',
  ]) {
    assert.deepEqual(parseRoute(hash), homeScreen, hash);
  }
});

test('a trailing slash or a missing "/" after "#" still finds the screen', () => {
  assert.deepEqual(parseRoute('#/sandbox/'), { kind: 'sandbox' });
  assert.deepEqual(parseRoute('#cluster/c1/brokers'), { kind: 'cluster', clusterId: 'c1', section: 'brokers' });
});

test('a topics filter the list does not know is dropped, and a filter elsewhere is ignored', () => {
  assert.deepEqual(parseRoute('#/cluster/c1/topics?health=sometimes'), { kind: 'cluster', clusterId: 'c1', section: 'topics' });
  assert.deepEqual(parseRoute('#/cluster/c1/brokers?health=offline'), { kind: 'cluster', clusterId: 'c1', section: 'brokers' });
  assert.equal(formatRoute({ kind: 'cluster', clusterId: 'c1', section: 'overview', health: 'offline' }), '#/cluster/c1/overview');
});

test("a topic's Messages screen has one address, and only that address names it", () => {
  const screen = messagesScreen('c1', 'orders/eu');
  assert.equal(formatRoute(screen), '#/cluster/c1/topics/orders%2Feu/messages');
  assert.deepEqual(parseRoute('#/cluster/c1/topics/orders%2Feu/messages'), screen);
  assert.equal(messagesTopic(parseRoute('#/cluster/c1/topics/orders%2Feu/messages')), 'orders/eu');
  for (const hash of ['#/cluster/c1/topics/orders', '#/cluster/c1/topics/orders/configs', '#/cluster/c1/topics', '#/cluster/c1/brokers/1']) {
    assert.equal(messagesTopic(parseRoute(hash)), undefined, hash);
  }
});

test('the Consumer groups list, by state, and one group open over it', () => {
  assert.equal(formatRoute(groupsScreen('c1')), '#/cluster/c1/groups');
  assert.equal(formatRoute(groupsScreen('c1', 'Stable')), '#/cluster/c1/groups?state=Stable');
  const open = groupScreen('c1', 'billing/eu #2', 'PreparingRebalance');
  assert.equal(formatRoute(open), '#/cluster/c1/groups/billing%2Feu%20%232?state=PreparingRebalance');
  assert.deepEqual(parseRoute(formatRoute(open)), open);
  assert.deepEqual(parseRoute('#/cluster/c1/groups/audit'), groupScreen('c1', 'audit'));
  assert.deepEqual(parseRoute('#/cluster/c1/groups/audit/extra'), homeScreen);
  assert.deepEqual(parseRoute('#/cluster/c1/topics?state=Stable'), { kind: 'cluster', clusterId: 'c1', section: 'topics' });
  assert.equal(formatRoute({ kind: 'cluster', clusterId: 'c1', section: 'topics', group: 'audit', groupState: 'Empty' }), '#/cluster/c1/topics');
});
