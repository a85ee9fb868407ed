// The Messages screen's read (a browse, a tail or a search: messages:read with or without a
// filter): records in a buffer capped at RECORDS_CAP, added once per animation frame. A bounded
// read stops at the cap; a tail keeps the newest RECORDS_CAP, dropping the oldest. Pause holds
// delivery back: the chunk that arrives while paused is not acknowledged until resume, so core's
// read waits (at most STREAM_WINDOW chunks in flight) and goes on where it stopped; nothing is lost.
import { create } from 'zustand';
import type { BrookErrorShape } from '../../shared/errors';
import type { ReadProgress, ReadSummary, TopicRecord } from '../../shared/model';
import type { StreamInput } from '../../shared/streams';
import { stream, toErrorShape } from '../api';
import { frameBatch } from './frame-batch';

export const RECORDS_CAP = 100_000;

export type ReadInput = StreamInput<'messages:read'>;

export interface MessagesState {
  records: TopicRecord[];
  status: 'idle' | 'reading' | 'done' | 'stopped' | 'error';
  input: ReadInput | null;
  progress: ReadProgress | null;
  summary: ReadSummary | null;
  error: BrookErrorShape | null;
  /** The cap was reached: a bounded read stopped there, a tail dropped its oldest records. */
  capped: 'stopped' | 'dropping' | null;
  paused: boolean;
  start(input: ReadInput): void;
  /** Stops the read (cancels it in core); what was read stays. */
  stop(): void;
  pause(): void;
  resume(): void;
  /** Leaves the screen: stops and forgets. */
  reset(): void;
}

const idle: Omit<MessagesState, 'start' | 'stop' | 'pause' | 'resume' | 'reset'> = { records: [], status: 'idle', input: null, progress: null, summary: null, error: null, capped: null, paused: false };

export const useMessages = create<MessagesState>((set, get) => {
  let cancel: (() => void) | null = null;
  let generation = 0;
  let resumed: (() => void) | null = null;
  let gate: Promise<void> = Promise.resolve();

  const end = () => {
    cancel?.();
    cancel = null;
    batch.clear();
    resumed?.();
  };
  const batch = frameBatch<TopicRecord>((items) => {
    const { records, input } = get();
    const tail = input?.stop.at === 'never';
    let next = records.concat(items);
    if (next.length <= RECORDS_CAP) return set({ records: next });
    if (tail) return set({ records: next.slice(next.length - RECORDS_CAP), capped: 'dropping' });
    next = next.slice(0, RECORDS_CAP);
    end();
    set({ records: next, capped: 'stopped', status: 'stopped' });
  });

  return {
    ...idle,
    start: (input) => {
      end();
      const mine = ++generation;
      set({ ...idle, records: [], status: 'reading', input });
      const read = stream('messages:read', input, {
        chunk: async (records) => {
          if (get().paused) await gate;
          if (mine === generation) batch.push(records);
        },
        progress: (progress) => mine === generation && set({ progress }),
      });
      cancel = read.cancel;
      read.done.then(
        (summary) => mine === generation && set({ summary, status: 'done' }),
        (error) => {
          if (mine !== generation) return;
          const shape = toErrorShape(error);
          set(shape.code === 'CANCELLED' ? { status: 'stopped' } : { status: 'error', error: shape });
        },
      );
    },
    stop: () => {
      if (get().status !== 'reading') return;
      // Records already batched for the next frame still arrive: stop keeps what was read.
      cancel?.();
      cancel = null;
      resumed?.();
      set({ status: 'stopped', paused: false });
    },
    pause: () => {
      if (get().paused) return;
      gate = new Promise((resolve) => (resumed = resolve));
      set({ paused: true });
    },
    resume: () => {
      set({ paused: false });
      resumed?.();
      resumed = null;
    },
    reset: () => {
      generation++;
      end();
      set({ ...idle, records: [] });
    },
  };
});
