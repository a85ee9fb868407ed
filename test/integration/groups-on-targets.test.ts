// Consumer groups on every target, each started once for all of it (test/integration/groups/):
// the list, figures and one group whole against kafka-consumer-groups --describe; offset resets
// against its --reset-offsets --dry-run, refusals and deletes; live lag through groups:watch and
// its history on disk.
import { after, before, test } from 'node:test';
import { forEachTarget } from '../support/targets';
import { watchingLag, watchingLagTitle } from './groups/lag-watch';
import { readingGroups, readingGroupsTitle } from './groups/reading';
import { resettingOffsets, resettingOffsetsTitle } from './groups/resets';
import { makeCore, type TestCore } from './support';

let app: TestCore;
before(() => {
  app = makeCore();
});
after(async () => {
  await app.close();
});

forEachTarget(['sandbox', 'kafka', 'kafka-3-brokers'], (target) => {
  test(readingGroupsTitle, () => readingGroups(target, app));
  test(resettingOffsetsTitle, () => resettingOffsets(target, app));
  test(watchingLagTitle, () => watchingLag(target));
});
