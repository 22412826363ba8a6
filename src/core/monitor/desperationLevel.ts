import type { CompletionSignal } from './types';

/** Neutral readings (0) the baseline starts from, so a few odd completions cannot move it far. */
const PRIOR_NEUTRAL = 3;
/** Readings outside failing loops the baseline keeps (the latest ones). */
const BASELINE_POOL = 12;
/** Readable completions the level is averaged over, so one odd completion does not alert on its own. */
const LEVEL_WINDOW = 2;
/** Readable completions the trend is fitted over. */
const TREND_WINDOW = 4;

/**
 * The desperate reading of one session as the monitor compares it: a baseline made of the
 * session's own readings outside failing loops, and the level and trend of its latest
 * readings. Only readable completions count (a status line of four words says too little to
 * read). The baseline is the median of those readings together with a few neutral zeros: a
 * short or odd first completion cannot spoil it, and a session that reads high all along
 * (a chatty voice) lifts it once it has said enough.
 */
export class DesperationLevel {
  private readonly pool: number[] = [];
  private readonly recent: number[] = [];

  constructor(private readonly reading: (signal: CompletionSignal) => number = (s) => s.desperate) {}

  /** Takes one completion's signal; `inLoop` says a failing loop is open (its readings never make the baseline). */
  observe(signal: CompletionSignal, inLoop: boolean): boolean {
    if (!signal.readable || !Number.isFinite(this.reading(signal))) return false;
    const value = this.reading(signal);
    if (!inLoop) {
      this.pool.push(value);
      if (this.pool.length > BASELINE_POOL) this.pool.shift();
    }
    this.recent.push(value);
    if (this.recent.length > TREND_WINDOW) this.recent.shift();
    return true;
  }

  baseline(): number {
    return median([...new Array<number>(PRIOR_NEUTRAL).fill(0), ...this.pool]);
  }

  /** Mean of the latest readable readings, or undefined before any. */
  level(): number | undefined {
    if (this.recent.length === 0) return undefined;
    const window = this.recent.slice(-LEVEL_WINDOW);
    return window.reduce((a, b) => a + b, 0) / window.length;
  }

  trend(): number {
    return slope(this.recent);
  }
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Least-squares slope of equally spaced values. */
export function slope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = values.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  values.forEach((y, x) => {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}
