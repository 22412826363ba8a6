/**
 * Test runs on the timeline's x axis (completion index) and the failing loops among them.
 *
 * A run that follows completion i sits at x = i + 0.5; further runs before the next
 * completion step right by RUN_STEP, so a burst of runs stays visible and no mark
 * moves when more arrive. Runs before the first completion sit at -0.5.
 * A failing loop is minFailingRuns or more failing runs in a row; a passing run ends
 * it, a run of unknown outcome neither extends nor ends it (as in the monitor).
 */
import type { LoopSpan, TestRunMark } from '../../shared/protocol';
import { COMMAND_MAX } from '../../shared/protocol';
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
  private streak = 0;
  private streakFrom = 0;
  private open: LoopSpan | undefined;
  private readonly closed: LoopSpan[] = [];

  constructor(private readonly minFailingRuns: number) {}

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
    this.loop(run.outcome, mark.x);
    return mark;
  }

  /** Every failing loop so far, the one still going included. */
  loops(): LoopSpan[] {
    return this.open ? [...this.closed, { ...this.open }] : [...this.closed];
  }

  get failingStreak(): number {
    return this.streak;
  }

  private loop(outcome: ToolRun['outcome'], x: number): void {
    if (outcome === 'unknown') return;
    if (outcome === 'pass') {
      if (this.open) this.closed.push(this.open);
      this.open = undefined;
      this.streak = 0;
      return;
    }
    if (this.streak === 0) this.streakFrom = x;
    this.streak++;
    if (this.streak >= this.minFailingRuns) this.open = { from: this.streakFrom, to: x, runs: this.streak };
  }
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
