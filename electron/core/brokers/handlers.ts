// brokers:* handlers: the brokers table, and one broker's configs and log directories.
import { BrookError } from '../../../shared/errors';
import type { BrokerDetail } from '../../../shared/model';
import type { AdminPool } from '../clusters/admin-pool';
import { brokerConfigs } from '../clusters/describe-configs';
import { describeLogDirs } from '../clusters/log-dirs';
import type { Handlers } from '../registry';
import { readBrokers } from './read';

type BrokerHandlers = Pick<Handlers, 'brokers:list' | 'brokers:describe'>;

const shapeOf = (error: unknown) => (error instanceof BrookError ? error.toShape() : { code: 'KAFKA_ERROR' as const, message: (error as Error).message });

export function brokerHandlers(pool: AdminPool): BrokerHandlers {
  return {
    'brokers:list': ({ id }) => pool.onWire(id, 'listing brokers', async (wire) => (await readBrokers(wire)).list),

    'brokers:describe': ({ id, broker }) =>
      pool.onWire(id, `describing broker ${broker}`, async (wire) => {
        const info = (await wire.brokers(true)).find((b) => b.nodeId === broker);
        if (!info) {
          throw new BrookError({ code: 'NOT_FOUND', message: `Broker ${broker} is not in the cluster's metadata`, hint: 'It may be down or gone: go back to the list of brokers and refresh it.' });
        }
        const [configs, disk] = await Promise.allSettled([brokerConfigs(wire, broker), describeLogDirs(wire, null)]);
        const detail: BrokerDetail = { broker: info, configs: [], logDirs: [] };
        if (configs.status === 'fulfilled') detail.configs = configs.value;
        else detail.configsError = shapeOf(configs.reason);
        if (disk.status === 'rejected') detail.logDirsError = shapeOf(disk.reason);
        else {
          const missing = disk.value.missing.find((m) => m.broker === broker);
          if (missing) detail.logDirsError = { code: 'KAFKA_ERROR', message: `Broker ${broker} did not describe its log directories: ${missing.message}` };
          detail.logDirs = disk.value.dirs
            .filter((d) => d.broker === broker)
            .map((d) => ({
              path: d.path,
              bytes: d.bytes,
              replicas: d.replicas,
              ...(d.totalBytes >= 0 ? { totalBytes: d.totalBytes } : {}),
              ...(d.usableBytes >= 0 ? { usableBytes: d.usableBytes } : {}),
              ...(d.error ? { error: d.error } : {}),
            }));
        }
        return detail;
      }),
  };
}
