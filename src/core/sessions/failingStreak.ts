import type { ToolRun } from './model';
import { passLeavesFailuresUntested } from './testFilters';

/** What one run did: a failing test run extends the streak, a passing one resets it (even an empty one). */
export type StreakStep = 'extended' | 'reset' | 'unchanged';

/**
 * The one failing-streak rule, read by the session summary, the monitor and the chart:
 * a failing test run extends the streak, a passing one ends it, and a run of unknown
 * outcome (or a command that is not a test run) neither extends nor ends it. A pass of
 * tests selected by name that the failing run never mentions leaves the failures
 * untested, so it does not end the streak either.
 */
export class FailingStreak {
  private current = 0;
  private most = 0;
  private lastFailure = '';

  /** Failing test runs in a row so far. */
  get length(): number {
    return this.current;
  }

  /** The longest streak seen. */
  get longest(): number {
    return this.most;
  }

  observe(run: Pick<ToolRun, 'testRun' | 'outcome'> & Partial<Pick<ToolRun, 'command' | 'output'>>): StreakStep {
    if (!run.testRun || run.outcome === 'unknown') return 'unchanged';
    if (run.outcome === 'pass') {
      if (this.current > 0 && passLeavesFailuresUntested(run.command ?? '', this.lastFailure)) return 'unchanged';
      this.current = 0;
      this.lastFailure = '';
      return 'reset';
    }
    this.lastFailure = run.output ?? '';
    this.current++;
    this.most = Math.max(this.most, this.current);
    return 'extended';
  }
}

/** A failing loop is a streak of at least `minFailingRuns` failing runs (setting alert.minFailingRuns). */
export function isFailingLoop(streak: number, minFailingRuns: number): boolean {
  return streak >= minFailingRuns;
}
