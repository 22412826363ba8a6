/**
 * Test runs on the timeline's x axis (completion index) and the failing loops among them.
 *
 * A run that follows completion i sits at x = i + 0.5; further runs before the next
 * completion step right by RUN_STEP, so a burst of runs stays visible and no mark
 * moves when more arrive. Runs before the first completion sit at -0.5.
 * A failing loop is a failing streak (sessions/failingStreak.ts, the rule the monitor
 * reads too) of at least minFailingRuns runs.
 */
import type { LoopSpan, TestRunMark } from '../../shared/protocol';
import { COMMAND_MAX } from '../../shared/protocol';
import { FailingStreak, isFailingLoop } from '../sessions/failingStreak';
import type { ToolRun } from '../sessions/model';

const RUN_STEP = 0.1;
const MAX_OFFSET = 0.9;

export function cut(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export class RunTrack {
  private lastCompletion = -1;
  private runsInGap = 0;
  private readonly streak = new FailingStreak();
  /** Every failing streak as an x range; the loops are those long enough under the current setting. */
  private readonly streaks: LoopSpan[] = [];

  /** `minFailingRuns` is read on every ask, so the shading follows the setting when it changes. */
  constructor(private readonly minFailingRuns: number | (() => number)) {}

  /** A completion (read or not) moves later runs to its right. */
  completion(index: number): void {
    if (index > this.lastCompletion) {
      this.lastCompletion = index;
      this.runsInGap = 0;
    }
  }

  /** Places a test run; returns its mark. Call only for runs with testRun set. */
  run(run: ToolRun): TestRunMark {
    const x = this.lastCompletion + Math.min(0.5 + RUN_STEP * this.runsInGap, MAX_OFFSET);
    this.runsInGap++;
    const mark: TestRunMark = { id: run.id, x: round(x), outcome: run.outcome, command: cut(run.command, COMMAND_MAX) };
    if (run.timestamp) mark.time = run.timestamp;
    if (run.counts) mark.counts = { ...run.counts };
    if (this.streak.observe(run) === 'extended') {
      if (this.streak.length === 1) this.streaks.push({ from: mark.x, to: mark.x, runs: 1 });
      else Object.assign(this.streaks[this.streaks.length - 1], { to: mark.x, runs: this.streak.length });
    }
    return mark;
  }

  /** Every failing loop so far, the one still going included. */
  loops(): LoopSpan[] {
    const min = typeof this.minFailingRuns === 'number' ? this.minFailingRuns : this.minFailingRuns();
    return this.streaks.filter((s) => isFailingLoop(s.runs, min)).map((s) => ({ ...s }));
  }

  get failingStreak(): number {
    return this.streak.length;
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
