import { FailingStreak, isFailingLoop } from '../sessions/failingStreak';
import type { FileEdit, SessionEvent, SourcePointer, ToolRun } from '../sessions/model';
import { claimEvidence, editEvidence } from './tamperEvidence';
import { DesperationLevel } from './desperationLevel';
import { KnownContent } from './tamperKnownContent';
import { userDoubtsTheTest } from './userPermission';
import type { Alert, CompletionSignal, DesperationEvidence, Flag, MonitorSettings, TamperEvidence } from './types';

/** How many completions after a loop ends its edits still count as "right after" it. */
const AFTER_LOOP_COMPLETIONS = 2;
/** Failing runs kept as evidence; older ones only count. */
const EVIDENCE_RUNS = 12;

export interface MonitorUpdate {
  alerts: Alert[];
  flags: Flag[];
  /** Edits of the loop that could not be analysed, with why (binary, too large ...). */
  skipped?: string[];
}

export interface MonitorState {
  failingStreak: number;
  longestFailingStreak: number;
  inFailingLoop: boolean;
  /** Latest desperate level (mean of the last completions) and calm reading, or undefined before any completion. */
  desperate?: number;
  calm?: number;
  baseline: number;
  elevated: boolean;
}

/**
 * Watches one session, event by event, in order: a loop of failing test runs,
 * the desperate reading rising above the session's own baseline during it, and
 * edits that game the tests. Pure and deterministic; the cost of an event does
 * not depend on how long the session is (every window is bounded).
 */
export class SessionMonitor {
  private readonly streak = new FailingStreak();
  private failingRuns: Array<{ command: string; source: SourcePointer; output: string }> = [];
  private completionsSinceLoop = Number.POSITIVE_INFINITY;
  private completions = 0;
  private lastCompletion?: { index: number; id: string };
  private readonly desperation = new DesperationLevel();
  private lastCalm?: number;
  private armed = true;
  private lastAlertAt?: { time?: number; completion: number };
  /** What the session last saw of each file, for diffing whole-file writes. */
  private readonly known = new KnownContent();
  /** The latest completion's prose: an edit's explanation (a test corrected "per the spec"). */
  private lastProse = '';
  /** The user said the test is wrong or asked for it to be changed, since the tests last passed. */
  private testDoubtedByUser = false;

  constructor(
    private readonly sessionTitle: string,
    private settings: MonitorSettings,
  ) {}

  updateSettings(settings: MonitorSettings): void {
    this.settings = settings;
  }

  /**
   * Feeds one event. Completions must come with their signal (the readings);
   * other events need none.
   */
  observe(event: SessionEvent, signal?: CompletionSignal): MonitorUpdate {
    switch (event.kind) {
      case 'user':
        // The person present may say the test itself is wrong: then correcting it is what they asked.
        if (userDoubtsTheTest(event.text)) this.testDoubtedByUser = true;
        return empty();
      case 'completion':
        this.lastProse = event.text.slice(0, 4000);
        return signal ? this.onCompletion(signal) : empty();
      case 'tool-run':
        return this.onToolRun(event);
      case 'file-edit':
        return this.onEdit(event);
      case 'file-read':
        this.known.read(event);
        return empty();
      case 'claimed-pass': {
        const evidence = claimEvidence(event, this.lastCompletion?.index);
        return this.tampering([evidence]);
      }
      default:
        return empty();
    }
  }

  state(): MonitorState {
    const level = this.desperation.level();
    return {
      failingStreak: this.streak.length,
      longestFailingStreak: this.streak.longest,
      inFailingLoop: this.inLoop(),
      desperate: level,
      calm: this.lastCalm,
      baseline: this.desperation.baseline(),
      elevated: level !== undefined && level - this.desperation.baseline() >= this.settings.desperationThreshold,
    };
  }

  private onCompletion(signal: CompletionSignal): MonitorUpdate {
    this.completions++;
    this.completionsSinceLoop++;
    this.lastCompletion = { index: signal.completionIndex, id: signal.completionId };
    // A completion too short to read is on the timeline but says nothing about the level.
    if (!this.desperation.observe(signal, this.inLoop())) return empty();
    this.lastCalm = signal.calm;
    return this.evaluate(signal.timestamp);
  }

  private onToolRun(run: ToolRun): MonitorUpdate {
    const wasInLoop = this.inLoop();
    const step = this.streak.observe(run); // unknown is never a failure
    if (step === 'unchanged') return empty();
    if (step === 'reset') {
      if (wasInLoop) this.completionsSinceLoop = 0;
      this.testDoubtedByUser = false;
      this.failingRuns = [];
      this.armed = true;
      return empty();
    }
    this.failingRuns.push({ command: run.command, source: run.source, output: run.output });
    if (this.failingRuns.length > EVIDENCE_RUNS) this.failingRuns.shift();
    const update = this.evaluate(run.timestamp);
    if (this.settings.longLoopRuns > 0 && this.streak.length === this.settings.longLoopRuns) update.alerts.push(this.longLoop());
    return update;
  }

  /**
   * A notice, once a loop, that the assistant has failed the tests this many times in a row:
   * on the loop benchmark hacks came after long loops, honest fixes mostly sooner. It counts
   * runs and reads nothing, so it never says "desperation".
   */
  private longLoop(): Alert {
    const n = this.streak.length;
    return {
      kind: 'long-loop',
      completionIndex: this.lastCompletion?.index,
      message: `${n} failing test runs in a row in ${this.sessionTitle}: an assistant stuck this long may start working around the tests rather than fixing the code; worth a look`,
      evidence: { failingStreak: n, failingRuns: this.failingRuns.map(({ command, source }) => ({ command, source })) },
    };
  }

  private onEdit(edit: FileEdit): MonitorUpdate {
    if (edit.applied === false) return empty();
    // Every applied edit updates what the session knows, in a loop or not.
    const sides = this.known.edit(edit);
    const rightAfterLoop = this.completionsSinceLoop <= AFTER_LOOP_COMPLETIONS;
    // After a failing run that does not make a loop yet, an edit that games the test is
    // still a hack (deleting the failing assertion after one failure is the classic), but a
    // test file edited is ordinary work, so only tamper findings count there.
    const afterFailure = this.streak.length > 0;
    if (!this.inLoop() && !rightAfterLoop && !afterFailure) return empty();
    const output = this.failingRuns
      .slice(-3)
      .map((r) => r.output)
      .join('\n');
    const judged = editEvidence(edit, sides, output, this.lastProse, this.lastCompletion?.index, this.inLoop() && !this.testDoubtedByUser);
    const inLoop = this.inLoop() || rightAfterLoop;
    const update = this.tampering(inLoop ? judged.evidence : judged.evidence.filter((e) => e.severity !== 'notice'));
    if (judged.skipped) update.skipped = [judged.skipped];
    return update;
  }

  private tampering(evidence: TamperEvidence[]): MonitorUpdate {
    const update = empty();
    for (const e of evidence) {
      update.alerts.push({ kind: 'tampering', completionIndex: e.completionIndex, message: e.detail, evidence: e });
      // A notice is shown with the completion's alerts but is not a flag.
      if (e.completionIndex !== undefined && e.severity !== 'notice') {
        update.flags.push({ completionIndex: e.completionIndex, completionId: this.lastCompletion?.id, reason: e.kind, message: e.detail });
      }
    }
    return update;
  }

  private evaluate(timestamp: string | undefined): MonitorUpdate {
    const level = this.desperation.level();
    if (level === undefined || !this.lastCompletion) return empty();
    const baseline = this.desperation.baseline();
    const rise = level - baseline;
    const threshold = this.settings.desperationThreshold;
    if (!this.armed && rise < threshold / 2) this.armed = true; // the level fell back: re-arm
    const trend = this.desperation.trend();
    const rising = rise >= threshold || (trend >= threshold / 3 && rise >= 0.75 * threshold);
    if (!this.inLoop() || !this.armed || !rising || this.coolingDown(timestamp)) return empty();

    this.armed = false;
    const time = timestamp ? Date.parse(timestamp) : undefined;
    this.lastAlertAt = { time: Number.isFinite(time) ? time : undefined, completion: this.completions };
    const evidence: DesperationEvidence = {
      failingStreak: this.streak.length,
      failingRuns: this.failingRuns.map(({ command, source }) => ({ command, source })),
      baseline,
      level,
      trend,
      calm: this.lastCalm ?? 0,
    };
    const message =
      `desperation rising in ${this.sessionTitle} after ${this.streak.length} failing test runs: ` +
      `the desperate reading of the latest completions is ${signed(level)}, ${rise.toFixed(1)} above this session's baseline of ${signed(baseline)} ` +
      (rise >= threshold
        ? `(warning at ${threshold.toFixed(1)} above)${trend >= threshold / 3 ? `, and climbing ${trend.toFixed(1)} a completion` : ''}`
        : // The other way to warn: most of the way there and still climbing fast; say which rule fired.
          `and climbing ${trend.toFixed(1)} a completion (warning at ${(0.75 * threshold).toFixed(1)} above while climbing ${(threshold / 3).toFixed(1)} or more a completion)`);
    const { index, id } = this.lastCompletion;
    return {
      alerts: [{ kind: 'desperation', completionIndex: index, message, evidence }],
      flags: [{ completionIndex: index, completionId: id, reason: 'desperation', message }],
    };
  }

  /** One loop gives one warning: no second one within the cooldown (by timestamps, else 5 completions). */
  private coolingDown(timestamp: string | undefined): boolean {
    if (!this.lastAlertAt) return false;
    const now = timestamp ? Date.parse(timestamp) : NaN;
    if (this.lastAlertAt.time !== undefined && Number.isFinite(now) && now >= this.lastAlertAt.time) {
      return now - this.lastAlertAt.time < this.settings.cooldownMinutes * 60_000;
    }
    // Without usable clocks (missing, or going backwards) fall back to counting completions.
    return this.completions - this.lastAlertAt.completion < 5;
  }

  private inLoop(): boolean {
    return isFailingLoop(this.streak.length, this.settings.minFailingRuns);
  }

}

function empty(): MonitorUpdate {
  return { alerts: [], flags: [] };
}

function signed(z: number): string {
  return `${z >= 0 ? '+' : ''}${z.toFixed(1)}`;
}

export { slope } from './desperationLevel';
