// When the sandbox broker ends without being asked to, Brook starts it again, waiting longer after
// each end in a row (1 s, 2 s, 4 s ... 30 s) so a broker that cannot stay up does not spin, and
// giving up after a few: then the user reads why and decides. A broker that stayed up a minute
// starts the count afresh.
export interface RestartPolicyOptions {
  delaysMs?: readonly number[];
  /** A life this long or longer resets the count of ends in a row. */
  stableMs?: number;
  /** Ends in a row after which Brook stops restarting. */
  maxInARow?: number;
}

export class RestartPolicy {
  private inARow = 0;
  private readonly delaysMs: readonly number[];
  private readonly stableMs: number;
  readonly maxInARow: number;

  constructor(options: RestartPolicyOptions = {}) {
    this.delaysMs = options.delaysMs ?? [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
    this.stableMs = options.stableMs ?? 60_000;
    this.maxInARow = options.maxInARow ?? 5;
  }

  /** After an end of a broker that had run for `ranMs`: how long to wait before restarting it, or null to give up. */
  next(ranMs: number): number | null {
    if (ranMs >= this.stableMs) this.inARow = 0;
    if (this.inARow >= this.maxInARow) return null;
    return this.delaysMs[Math.min(this.inARow++, this.delaysMs.length - 1)];
  }

  /** How many ends in a row have been counted. */
  get count(): number {
    return this.inARow;
  }

  reset(): void {
    this.inARow = 0;
  }
}
