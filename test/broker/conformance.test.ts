// The protocol layer against Kafka's own JSON message specs (../shared/kafka-protocol-specs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate, parseRange, readSpecs } from '../../electron/broker/protocol/generator/generate';
import { apiVersionsList } from '../../electron/broker/handlers';

const specDir = join(import.meta.dirname, '../../../shared/kafka-protocol-specs');
const generatedFile = join(import.meta.dirname, '../../electron/broker/protocol/messages.generated.ts');

test('the committed generated schemas are what the generator makes of the specs', (t) => {
  if (!existsSync(specDir)) return t.skip(`no specs at ${specDir}`);
  assert.equal(readFileSync(generatedFile, 'utf8'), generate(specDir), 'run `npm run protocol:generate`');
});

test('every API and version the broker advertises exists in the specs, for the broker listener', (t) => {
  if (!existsSync(specDir)) return t.skip(`no specs at ${specDir}`);
  const requests = new Map(
    readSpecs(specDir)
      .filter((m) => m.type === 'request')
      .map((m) => [m.apiKey!, m]),
  );
  const advertised = apiVersionsList();
  assert.ok(advertised.length >= 2);
  for (const { apiKey, minVersion, maxVersion } of advertised) {
    const spec = requests.get(apiKey);
    assert.ok(spec, `API key ${apiKey} has a spec`);
    const [lo, hi] = parseRange(spec.validVersions)!;
    assert.ok(minVersion >= lo && maxVersion <= hi, `${spec.name} ${minVersion}-${maxVersion} within ${spec.validVersions}`);
    assert.ok(minVersion <= maxVersion);
    assert.ok(spec.listeners?.includes('broker'), `${spec.name} is an API a broker serves (${spec.listeners})`);
  }
});
