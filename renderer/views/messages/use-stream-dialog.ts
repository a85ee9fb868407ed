// What the produce, export and import dialogs share: a stream followed to its summary, that Cancel
// (or Esc) cancels meanwhile, and a failure kept to show, a cancel being none.
import { useRef, useState } from 'react';
import type { BrookErrorShape } from '../../../shared/errors';
import type { StreamName, StreamSummary } from '../../../shared/streams';
import { toErrorShape } from '../../api';
import type { RunningStream } from '../../live';

export function useStreamDialog() {
  const current = useRef<(() => void) | null>(null);
  const [failure, setFailure] = useState<BrookErrorShape | null>(null);
  const follow = async <S extends StreamName>(running: RunningStream<S>): Promise<StreamSummary<S>> => {
    current.current = running.cancel;
    try {
      return await running.done;
    } finally {
      current.current = null;
    }
  };
  /** Runs the work, which follows its stream to the summary; onError takes a failure it shows itself. */
  const run = async (work: (track: typeof follow) => Promise<void>, onError?: (error: unknown) => boolean) => {
    setFailure(null);
    try {
      await work(follow);
    } catch (error) {
      const shape = toErrorShape(error);
      if (shape.code !== 'CANCELLED' && !onError?.(error)) setFailure(shape);
    }
  };
  return { run, cancel: () => current.current?.(), failure, setFailure };
}
