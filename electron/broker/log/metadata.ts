// The small files beside the partition directories, in Kafka's formats where Kafka has one:
//   meta.properties             version=1, cluster.id, node.id (and directory.id, as KRaft writes)
//   log-start-offset-checkpoint version line, count line, then `topic partition offset` lines
//   <topic>-<p>/partition.metadata  `version: 0` and `topic_id: <base64url uuid>`
// (the topics themselves are in topic-registry.ts). Every write is atomic (temp file, rename),
// fsynced before the rename unless the function says why the file need not be.

import { existsSync, readFileSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { syncInBackground, writeFileAtomic } from './files';

/** Kafka's Uuid.toString(): URL-safe base64 without padding (22 characters). */
export function uuidToString(id: Buffer): string {
  return id.toString('base64url');
}

export function uuidFromString(s: string): Buffer {
  const b = Buffer.from(s, 'base64url');
  if (b.length !== 16) throw new Error(`not a 16-byte uuid: ${s}`);
  return b;
}

/** A random version-4 UUID, never the all-zero id (Kafka's "no topic id"). */
export function randomUuid(): Buffer {
  return Buffer.from(randomUUID().replaceAll('-', ''), 'hex');
}

function parseProperties(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const t = line.trim();
    if (!t || t.startsWith('#') || t.startsWith('!')) continue;
    const i = t.search(/[=:]/);
    if (i > 0) out[t.slice(0, i).trim()] = t.slice(i + 1).trim();
  }
  return out;
}

/**
 * Reads meta.properties, or writes a new one with a fresh cluster id. Returns the cluster id.
 * A new file is made durable in the background: the two fsyncs took most of a first start's time
 * (60-130 ms on a busy disk), and losing the file in a power cut before they land costs nothing but
 * a new cluster id (the file is only new when the directory is, so no record depends on it yet).
 */
export function loadOrCreateMetaProperties(dataDir: string, nodeId = 1, onLog: (msg: string) => void = () => {}): string {
  const path = join(dataDir, 'meta.properties');
  if (existsSync(path)) {
    const props = parseProperties(readFileSync(path, 'utf8'));
    if (props['cluster.id']) return props['cluster.id'];
  }
  const clusterId = uuidToString(randomUuid());
  const body = [
    '#',
    `#${new Date().toUTCString()}`,
    `cluster.id=${clusterId}`,
    `directory.id=${uuidToString(randomUuid())}`,
    `node.id=${nodeId}`,
    'version=1',
    '',
  ].join('\n');
  writeFileAtomic(path, body, { fsync: false });
  syncInBackground(path, onLog);
  return clusterId;
}

/**
 * Writes a partition's partition.metadata unless it already says exactly that. No fsync: the topic
 * id's home is the topic registry (fsynced), and every start rewrites a lost or torn copy from it,
 * which keeps two fsyncs off each topic creation (an auto-created topic is part of a client's
 * first produce).
 */
export function writePartitionMetadata(partitionDir: string, topicId: Buffer): void {
  const path = join(partitionDir, 'partition.metadata');
  const text = `version: 0\ntopic_id: ${uuidToString(topicId)}\n`;
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  writeFileAtomic(path, text, { fsync: false });
}

const CHECKPOINT_FILE = 'log-start-offset-checkpoint';

/** Reads Kafka's log-start-offset-checkpoint: map of `topic partition` -> offset. */
export function readLogStartCheckpoint(dataDir: string): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const path = join(dataDir, CHECKPOINT_FILE);
  if (!existsSync(path)) return out;
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[0]?.trim() !== '0') return out;
  const count = Number(lines[1]);
  for (let i = 0; i < count; i++) {
    const parts = (lines[2 + i] ?? '').trim().split(' ');
    if (parts.length !== 3) continue;
    out.set(`${parts[0]} ${parts[1]}`, BigInt(parts[2]));
  }
  return out;
}

/**
 * Writes Kafka's log-start-offset-checkpoint, unless reading it back would give the same offsets
 * (same bytes, or no file and no entries): every start writes it after recovery, and an fsynced
 * rewrite of nothing new was a start-up cost.
 */
export function writeLogStartCheckpoint(dataDir: string, entries: { topic: string; partition: number; offset: bigint }[]): void {
  const lines = ['0', String(entries.length), ...entries.map((e) => `${e.topic} ${e.partition} ${e.offset}`)];
  const path = join(dataDir, CHECKPOINT_FILE);
  const text = lines.join('\n') + '\n';
  if (existsSync(path) ? readFileSync(path, 'utf8') === text : entries.length === 0) return;
  writeFileAtomic(path, text);
}

/** A random suffix for directories being deleted. */
export function deleteSuffix(): string {
  return `.${randomBytes(8).toString('hex')}-delete`;
}
