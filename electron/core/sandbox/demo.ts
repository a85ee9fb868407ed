// Demo traffic for the sandbox: three topics of realistic JSON events (orders, payments, user
// activity) with keys and headers, a producer that keeps writing, a consumer group that keeps up
// (analytics) and one that is deliberately slow (billing-service), so there is lag to watch.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Consumer, Kafka, Message, Producer } from 'kafkajs';
import { kafkaClient } from '../clusters/kafka';
import type { Logger } from '../logger';

export const demoTopics = [
  { topic: 'orders', numPartitions: 3 },
  { topic: 'payments', numPartitions: 3 },
  { topic: 'user-activity', numPartitions: 6 },
];

export class DemoTraffic {
  private producer: Producer | undefined;
  private consumers: Consumer[] = [];
  private timer: NodeJS.Timeout | undefined;
  private retryTimers: NodeJS.Timeout[] = [];
  private stopped = false;
  /** Ends the slow group's per-record pauses on stop, so its consumer can leave at once. */
  private readonly stopping = new AbortController();
  events = 0;

  constructor(
    private readonly bootstrap: string,
    private readonly logger: Logger,
    private readonly onProgress: (events: number) => void,
  ) {}

  async start(): Promise<void> {
    const kafka = kafkaClient({ brokers: [this.bootstrap], securityProtocol: 'PLAINTEXT', tls: false }, this.logger, { clientId: 'brook-demo', retries: 3 });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = demoTopics.filter((t) => !existing.has(t.topic));
      if (missing.length) await admin.createTopics({ topics: missing.map((t) => ({ ...t, replicationFactor: 1 })), waitForLeaders: true });
    } finally {
      await admin.disconnect();
    }
    this.producer = kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
    await this.send(120); // a backlog to look at straight away
    this.timer = setInterval(() => void this.send(2 + Math.floor(Math.random() * 6)), 1_000);

    this.runGroup(kafka, 'analytics', ['user-activity', 'orders'], 0);
    this.runGroup(kafka, 'billing-service', ['orders', 'payments'], 700);
  }

  /** A consumer group that keeps trying: if it crashes (say the broker cannot coordinate groups yet), it retries. */
  private runGroup(kafka: Kafka, groupId: string, topics: string[], delayMs: number, attempt = 0): void {
    if (this.stopped) return;
    // kafkajs's disconnect waits for the long poll in flight: a short one keeps Stop quick.
    // kafkajs restarts a crashed consumer on a timer of its own, even one crashed by our stop.
    const consumer = kafka.consumer({
      groupId,
      maxWaitTimeInMs: 500,
      ...(delayMs ? { maxBytesPerPartition: 4_096 } : {}),
      retry: { retries: 2, restartOnFailure: async () => !this.stopped },
    });
    this.consumers.push(consumer);
    const retry = () => {
      this.consumers = this.consumers.filter((c) => c !== consumer);
      void consumer.disconnect().catch(() => undefined);
      const wait = Math.min(30_000, 2_000 * 2 ** attempt);
      if (!this.stopped) this.retryTimers.push(setTimeout(() => this.runGroup(kafka, groupId, topics, delayMs, attempt + 1), wait));
    };
    consumer.on(consumer.events.CRASH, (event) => {
      if (this.stopped) return;
      this.logger.debug(`demo group ${groupId} crashed (${String(event.payload.error?.message)}); retrying`);
      if (!event.payload.restart) retry();
    });
    void (async () => {
      try {
        await consumer.connect();
        // stop() may have come while connecting: its disconnect then ran before the connect ended.
        if (this.stopped) return void (await consumer.disconnect());
        await consumer.subscribe({ topics, fromBeginning: true });
        if (this.stopped) return void (await consumer.disconnect());
        await consumer.run({
          // Commit every second, not only after a whole batch: the slow group's lag shows as it grows.
          autoCommitInterval: 1_000,
          eachMessage: async () => {
            if (delayMs) await sleep(delayMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
          },
        });
      } catch (error) {
        if (this.stopped) return;
        this.logger.debug(`demo group ${groupId} could not start: ${(error as Error).message}`);
        retry();
      }
    })();
  }

  private async send(count: number): Promise<void> {
    if (!this.producer || this.stopped) return;
    const batches: Record<string, Message[]> = { orders: [], payments: [], 'user-activity': [] };
    for (let i = 0; i < count; i++) {
      const order = makeOrder();
      batches.orders!.push(order.message);
      if (Math.random() < 0.8) batches.payments!.push(makePayment(order.orderId, order.total, order.trace));
      batches['user-activity']!.push(makeActivity(), makeActivity());
    }
    try {
      await this.producer.sendBatch({ topicMessages: Object.entries(batches).map(([topic, messages]) => ({ topic, messages })) });
      this.events += Object.values(batches).reduce((n, m) => n + m.length, 0);
      this.onProgress(this.events);
    } catch (error) {
      if (!this.stopped) this.logger.warn(`demo producer: ${(error as Error).message}`);
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    clearInterval(this.timer);
    for (const t of this.retryTimers) clearTimeout(t);
    const within = (p: Promise<unknown>) => {
      let timer: NodeJS.Timeout | undefined;
      return Promise.race([p.catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 3_000)))]).finally(() => clearTimeout(timer));
    };
    await Promise.all([...this.consumers.map((c) => within(c.disconnect())), this.producer ? within(this.producer.disconnect()) : undefined]);
  }
}

const customers = ['cus_4821', 'cus_1093', 'cus_7730', 'cus_2045', 'cus_5512', 'cus_8860', 'cus_3307'];
const skus = [
  { sku: 'MUG-CER-350', price: 12.5 },
  { sku: 'TEE-ORG-M', price: 24 },
  { sku: 'BAG-CNV-01', price: 39.9 },
  { sku: 'BTL-STL-750', price: 29 },
  { sku: 'CAP-WOL-L', price: 19.95 },
];
const pages = ['/', '/search', '/product/MUG-CER-350', '/product/TEE-ORG-M', '/cart', '/checkout', '/account'];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
let orderSeq = 10_000 + Math.floor(Math.random() * 5_000);

function makeOrder() {
  const orderId = `ord_${++orderSeq}`;
  const items = Array.from({ length: 1 + Math.floor(Math.random() * 3) }, () => {
    const s = pick(skus);
    return { sku: s.sku, qty: 1 + Math.floor(Math.random() * 3), price: s.price };
  });
  const total = Math.round(items.reduce((n, i) => n + i.qty * i.price, 0) * 100) / 100;
  const trace = randomBytes(8).toString('hex');
  const value = { orderId, customerId: pick(customers), items, total, currency: 'EUR', status: 'created', createdAt: new Date().toISOString() };
  return {
    orderId,
    total,
    trace,
    message: { key: orderId, value: JSON.stringify(value), headers: { 'content-type': 'application/json', source: 'web-shop', 'trace-id': trace } },
  };
}

function makePayment(orderId: string, amount: number, trace: string): Message {
  const status = Math.random() < 0.93 ? 'authorized' : 'declined';
  const value = { paymentId: `pay_${randomBytes(5).toString('hex')}`, orderId, amount, currency: 'EUR', method: pick(['card', 'card', 'paypal', 'bank_transfer']), status, at: new Date().toISOString() };
  return { key: orderId, value: JSON.stringify(value), headers: { 'content-type': 'application/json', source: 'payments-gateway', 'trace-id': trace } };
}

function makeActivity(): Message {
  const userId = `usr_${100 + Math.floor(Math.random() * 60)}`;
  const value = { userId, sessionId: `s_${randomBytes(4).toString('hex')}`, event: pick(['page_view', 'page_view', 'page_view', 'search', 'add_to_cart', 'login']), page: pick(pages), at: new Date().toISOString() };
  return { key: userId, value: JSON.stringify(value), headers: { 'content-type': 'application/json', source: 'web-tracker' } };
}
