// Topics as the explorer shows them.
import { z } from 'zod';
import { BrookErrorShape } from '../errors';

/** A topic's figures read from its partitions' watermarks. */
export const TopicFigures = z.object({
  topic: z.string(),
  partitions: z.number(),
  /** Records kept: the sum over partitions of high watermark minus log start offset. */
  records: z.number(),
  /** Records ever written: the sum of the high watermarks. */
  endOffsets: z.number(),
  /** Why the figures could not be read (the topic went, the broker refused ...). */
  error: BrookErrorShape.optional(),
});
export type TopicFigures = z.infer<typeof TopicFigures>;
