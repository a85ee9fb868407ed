// Producer ids for idempotent producers (InitProducerId). Ids are handed out in memory from blocks
// reserved on disk, as Kafka's ProducerIdManager does: the data directory's checkpoint names the
// first id not yet reserved, and is moved forward (atomically, fsynced) before a block is used, so
// an id is never issued twice, even across a crash or restart. A restart skips the rest of the
// block it had reserved; ids are 63-bit, so that costs nothing.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from './log/files';

export const PRODUCER_ID_FILE = 'producer-ids.checkpoint';
const BLOCK_SIZE = 1000n;

export class ProducerIdAllocator {
  private next: bigint;
  private reservedUntil: bigint;
  private readonly file: string;

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, PRODUCER_ID_FILE);
    this.next = readCheckpoint(this.file);
    this.reservedUntil = this.next;
  }

  /** A producer id never issued before by this data directory. */
  allocate(): bigint {
    if (this.next >= this.reservedUntil) {
      const until = this.next + BLOCK_SIZE;
      mkdirSync(this.dataDir, { recursive: true });
      writeFileAtomic(this.file, `${until}\n`);
      this.reservedUntil = until;
    }
    return this.next++;
  }
}

function readCheckpoint(file: string): bigint {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0n;
    throw err;
  }
  const value = text.trim();
  if (!/^\d{1,19}$/.test(value)) throw new Error(`${file} does not hold a producer id: "${value.slice(0, 40)}"`);
  return BigInt(value);
}

const allocators = new WeakMap<object, ProducerIdAllocator>();

/** The allocator of one broker (keyed by the broker object), created on first use. */
export function producerIdsFor(owner: object, dataDir: string): ProducerIdAllocator {
  let a = allocators.get(owner);
  if (!a) allocators.set(owner, (a = new ProducerIdAllocator(dataDir)));
  return a;
}
