/**
 * The webview's copy of the shown session, in columns: one array of completions and,
 * per plotted emotion, one array of readings in the same order. Snapshots replace it
 * whole; appends add to it (idempotently: a completion seen twice is kept once).
 * Only the plotted emotions are kept, so memory grows with completions x plotted
 * emotions, not x 171.
 */
import type {
  AlertLine,
  CompletionPoint,
  FlagMark,
  LoopSpan,
  SeriesResult,
  SessionAppend,
  SessionView,
  TestRunMark,
} from '../../src/shared/protocol';
import type { AssistantId } from '../../src/shared/assistants';

/** What an append changed, so the chart can add exactly that. */
export interface AppendResult {
  /** Array positions of the new completions (ascending); all at the end in the usual case. */
  added: number[];
  /** True when a completion arrived out of order and the series must be re-laid. */
  reordered: boolean;
  runs: TestRunMark[];
  flags: FlagMark[];
  loopsChanged: boolean;
  alertChanged: boolean;
}

export class TimelineModel {
  readonly key: string;
  readonly title: string;
  readonly assistant: AssistantId;
  /** The model whose readings these are. */
  readonly model: string;
  emotions: string[];
  readonly completions: CompletionPoint[];
  readonly series: Map<string, number[]>;
  readonly runs: TestRunMark[];
  loops: LoopSpan[];
  readonly flags: FlagMark[];
  alert: AlertLine | undefined;

  constructor(view: SessionView) {
    this.key = view.key;
    this.title = view.title;
    this.assistant = view.assistant;
    this.model = view.model;
    this.emotions = view.emotions.filter((e) => Array.isArray(view.series[e]));
    this.completions = [...view.completions];
    this.series = new Map(this.emotions.map((e) => [e, [...view.series[e]]]));
    this.runs = [...view.testRuns];
    this.loops = [...view.loops];
    this.flags = [...view.flags];
    this.alert = view.alert;
  }

  /** Applies a live update: each new completion carries the readings of the plotted emotions by name. */
  append(update: SessionAppend): AppendResult {
    const result: AppendResult = { added: [], reordered: false, runs: [], flags: [], loopsChanged: false, alertChanged: false };
    const columns = this.emotions.map((e) => [this.series.get(e) as number[], e] as const);
    for (const c of update.completions) {
      const { readings, ...point } = c;
      const at = this.insertionPoint(point.index);
      if (at < this.completions.length && this.completions[at].index === point.index) continue; // seen already
      if (at < this.completions.length) result.reordered = true;
      this.completions.splice(at, 0, point);
      for (const [column, e] of columns) column.splice(at, 0, Number.isFinite(readings[e]) ? readings[e] : Number.NaN);
      result.added.push(at);
    }
    const knownRuns = new Set(this.runs.map((r) => r.id));
    for (const run of update.testRuns) {
      if (knownRuns.has(run.id)) continue;
      this.runs.push(run);
      result.runs.push(run);
    }
    for (const flag of update.flags) {
      if (this.flags.some((f) => f.index === flag.index && f.reason === flag.reason && f.message === flag.message)) continue;
      this.flags.push(flag);
      result.flags.push(flag);
    }
    if (JSON.stringify(update.loops) !== JSON.stringify(this.loops)) {
      this.loops = [...update.loops];
      result.loopsChanged = true;
    }
    if (update.alert?.level !== this.alert?.level || update.alert?.emotion !== this.alert?.emotion) {
      this.alert = update.alert;
      result.alertChanged = true;
    }
    return result;
  }

  /** Adds the readings of newly plotted emotions, aligned by completion index. */
  addSeries(result: SeriesResult): string[] {
    const position = new Map(result.indices.map((index, i) => [index, i]));
    const added: string[] = [];
    for (const [emotion, values] of Object.entries(result.values)) {
      const column = this.completions.map((c) => {
        const i = position.get(c.index);
        return i === undefined ? Number.NaN : values[i];
      });
      this.series.set(emotion, column);
      if (!this.emotions.includes(emotion)) this.emotions.push(emotion);
      added.push(emotion);
    }
    return added;
  }

  removeEmotion(emotion: string): void {
    this.emotions = this.emotions.filter((e) => e !== emotion);
    this.series.delete(emotion);
  }

  /** Array position of the completion with this index, or -1. */
  positionOf(index: number): number {
    const at = this.insertionPoint(index);
    return at < this.completions.length && this.completions[at].index === index ? at : -1;
  }

  /** The plotted completion nearest to x (a value on the completion-index axis). */
  nearest(x: number): CompletionPoint | undefined {
    const n = this.completions.length;
    if (n === 0 || !Number.isFinite(x)) return undefined;
    const at = this.insertionPoint(x);
    if (at <= 0) return this.completions[0];
    if (at >= n) return this.completions[n - 1];
    const before = this.completions[at - 1];
    const after = this.completions[at];
    return x - before.index <= after.index - x ? before : after;
  }

  /** First array position whose completion index is >= index (binary search). */
  private insertionPoint(index: number): number {
    let lo = 0;
    let hi = this.completions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.completions[mid].index < index) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
