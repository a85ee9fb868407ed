// The one place where the contract meets the handlers: every input is parsed with the channel's
// schema before its handler runs, every failure leaves as the shared error shape.
import { BrookError, invalidInput, type BrookErrorShape } from '../../shared/errors';
import { contract, isChannel, type Channel, type ChannelInputParsed, type ChannelOutput } from '../../shared/contract';
import type { Result } from '../../shared/result';
import type { Caller } from './context';
import type { Logger } from './logger';

export type Handler<C extends Channel> = (input: ChannelInputParsed<C>, caller: Caller) => Promise<ChannelOutput<C>> | ChannelOutput<C>;
export type Handlers = { [C in Channel]: Handler<C> };

/** A caller the transport could not place is taken for another machine: nothing opens on a screen nobody there sees. */
const unplaced: Caller = { local: false };

export interface Registry {
  dispatch(channel: unknown, input: unknown, caller?: Caller): Promise<Result<unknown>>;
}

export function createRegistry(handlers: Handlers, logger: Logger): Registry {
  return {
    async dispatch(channel, rawInput, caller = unplaced) {
      if (!isChannel(channel)) {
        return fail({ code: 'UNKNOWN_CHANNEL', message: `Unknown channel ${String(channel).slice(0, 80)}` });
      }
      const parsed = contract[channel].input.safeParse(rawInput);
      if (!parsed.success) return fail(invalidInput(parsed.error).toShape());
      try {
        const handler = handlers[channel] as (input: unknown, caller: Caller) => Promise<unknown>;
        const value = await handler(parsed.data, caller);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof BrookError) return fail(error.toShape());
        logger.error(`${channel} failed`, (error as Error)?.stack ?? String(error));
        return fail({
          code: 'INTERNAL',
          message: `Brook could not complete ${channel}`,
          hint: 'This is a bug in Brook. Try again; if it persists, report it with the detail below.',
          detail: (error as Error)?.message ?? String(error),
        });
      }
    },
  };
}

function fail(error: BrookErrorShape): Result<never> {
  return { ok: false, error };
}
