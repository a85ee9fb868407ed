// The sandbox broker as a library: startBroker(opts) -> { host, port, stop() }.
import { Broker, type BrokerOptions } from './broker';

export type { BrokerOptions };
export { Broker };

export interface RunningBroker {
  /** Host and port of the first listener, as bound (port 0 resolved). */
  host: string;
  port: number;
  broker: Broker;
  stop(): Promise<void>;
}

export async function startBroker(opts: BrokerOptions): Promise<RunningBroker> {
  const broker = await Broker.start(opts);
  const first = broker.listeners[0];
  let stopping: Promise<void> | undefined;
  return {
    host: first.host,
    port: first.port,
    broker,
    stop: () => (stopping ??= broker.stop()),
  };
}
