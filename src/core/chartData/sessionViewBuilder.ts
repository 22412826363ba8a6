/**
 * Builds what the timeline draws for one session, incrementally: feed it the session's
 * events in order (completions with their readings), then ask for a complete view
 * (for a snapshot) or for what was added since the last ask (for a live append).
 * Every per-event cost is bounded, so a 10,000-completion session stays cheap.
 */
import type { AssistantId, SessionEvent } from '../sessions/model';
import type { Flag } from '../monitor/types';
import type {
  AlertLine,
  CompletionPoint,
  FlagMark,
  SeriesResult,
  SessionAppend,
  SessionView,
  TestRunMark,
} from '../../shared/protocol';
import { FIRST_LINE_MAX, UNREADABLE_MAX } from '../../shared/protocol';
import { mapPosition, type Point } from './mapPosition';
import { RunTrack, cut } from './runTrack';

export interface SessionViewOptions {
  key: string;
  title: string;
  assistant: AssistantId;
  /** The model that produced the readings (its label). */
  model: string;
  /** The catalog's emotion names: the order of every score array. */
  emotions: readonly string[];
  /** The emotions' oriented map coordinates (catalog order). */
  coords: readonly Point[];
  /** Failing runs in a row that make a failing loop (setting alert.minFailingRuns), read on every view. */
  minFailingRuns: number | (() => number);
}

interface Entry {
  point: CompletionPoint;
  scores: Float32Array;
}

const TOP = 3;

export class SessionViewBuilder {
  private readonly entries: Entry[] = [];
  private readonly byIndex = new Map<number, Entry>();
  private readonly runs: TestRunMark[] = [];
  private readonly flags: FlagMark[] = [];
  private readonly track: RunTrack;
  private readonly nameIndex: Map<string, number>;
  private alert: AlertLine | undefined;
  private pending = { completions: 0, runs: 0, flags: 0, loops: false, alert: false };

  constructor(private readonly options: SessionViewOptions) {
    this.track = new RunTrack(options.minFailingRuns);
    this.nameIndex = new Map(options.emotions.map((n, i) => [n, i]));
  }

  get key(): string {
    return this.options.key;
  }

  /**
   * Feeds one event. A completion is plotted only with its readings (z-scores in catalog
   * order); without them it still moves the runs after it to its right. `unreadable`
   * says why a reading is not to be trusted: the point is still plotted, drawn hollow.
   */
  addEvent(event: SessionEvent, scores?: ArrayLike<number>, unreadable?: string): void {
    if (event.kind === 'completion') {
      this.track.completion(event.index);
      if (scores && !this.byIndex.has(event.index)) this.addCompletion(event.index, event.id, event.text, event.timestamp, scores, unreadable);
    } else if (event.kind === 'tool-run' && event.testRun) {
      const before = this.track.loops();
      this.runs.push(this.track.run(event));
      this.pending.runs++;
      if (!sameLoops(before, this.track.loops())) this.pending.loops = true;
    }
  }

  addFlag(flag: Flag): void {
    const exists = this.flags.some((f) => f.index === flag.completionIndex && f.reason === flag.reason && f.message === flag.message);
    if (exists) return;
    this.flags.push({ index: flag.completionIndex, reason: flag.reason, message: flag.message });
    this.pending.flags++;
  }

  /** The alert line: the session's desperate baseline plus the threshold; undefined hides it. */
  setAlertLevel(level: number | undefined, emotion = 'desperate'): void {
    const next = level === undefined || !Number.isFinite(level) ? undefined : { emotion, level };
    if (next?.level === this.alert?.level && next?.emotion === this.alert?.emotion) return;
    this.alert = next;
    this.pending.alert = true;
  }

  /** The readings (catalog order) of a plotted completion. */
  scoresOf(index: number): Float32Array | undefined {
    return this.byIndex.get(index)?.scores;
  }

  get completionCount(): number {
    return this.entries.length;
  }

  get failingStreak(): number {
    return this.track.failingStreak;
  }

  get flaggedCount(): number {
    return new Set(this.flags.map((f) => f.index)).size;
  }

  /** A complete view plotting `shown` (unknown names are left out). Clears what is pending. */
  view(shown: readonly string[]): SessionView {
    const emotions = shown.filter((n) => this.nameIndex.has(n));
    const view: SessionView = {
      key: this.options.key,
      title: this.options.title,
      assistant: this.options.assistant,
      model: this.options.model,
      emotions,
      completions: this.entries.map((e) => e.point),
      series: this.columns(emotions),
      testRuns: [...this.runs],
      loops: this.track.loops(),
      flags: [...this.flags],
    };
    if (this.alert) view.alert = { ...this.alert };
    this.pending = { completions: 0, runs: 0, flags: 0, loops: false, alert: false };
    return view;
  }

  /** Readings of some emotions for every plotted completion. */
  series(emotions: readonly string[]): SeriesResult {
    const known = emotions.filter((n) => this.nameIndex.has(n));
    return { indices: this.entries.map((e) => e.point.index), values: this.columns(known) };
  }

  /**
   * What was added since the last view or append, or undefined when nothing was. New
   * completions carry the readings of `plotted` and of the alert line's emotion; other
   * emotions come on request (series).
   */
  takeAppend(plotted: readonly string[]): SessionAppend | undefined {
    const p = this.pending;
    if (!p.completions && !p.runs && !p.flags && !p.loops && !p.alert) return undefined;
    const names = [...new Set([...plotted, ...(this.alert ? [this.alert.emotion] : [])])].filter((n) => this.nameIndex.has(n));
    const append: SessionAppend = {
      key: this.options.key,
      completions: this.entries.slice(this.entries.length - p.completions).map((e) => ({
        ...e.point,
        readings: Object.fromEntries(names.map((n) => [n, round(e.scores[this.nameIndex.get(n) as number])])),
      })),
      testRuns: this.runs.slice(this.runs.length - p.runs),
      flags: this.flags.slice(this.flags.length - p.flags),
      loops: this.track.loops(),
    };
    if (this.alert) append.alert = { ...this.alert };
    this.pending = { completions: 0, runs: 0, flags: 0, loops: false, alert: false };
    return append;
  }

  private addCompletion(index: number, id: string, text: string, time: string | undefined, raw: ArrayLike<number>, unreadable: string | undefined): void {
    // The analysis's own array is kept (the same readings), not a copy of it.
    const scores = raw instanceof Float32Array ? raw : Float32Array.from(raw);
    const point: CompletionPoint = { index, id, firstLine: firstLine(text), top: topScores(scores, TOP), pos: mapPosition(scores, this.options.coords) };
    if (time) point.time = time;
    if (unreadable !== undefined) point.unreadable = cut(unreadable, UNREADABLE_MAX) || 'not read';
    const entry = { point, scores };
    // Completions normally arrive in order; a late one is put in its place.
    let at = this.entries.length;
    while (at > 0 && this.entries[at - 1].point.index > index) at--;
    this.entries.splice(at, 0, entry);
    this.byIndex.set(index, entry);
    this.pending.completions++;
  }

  private columns(emotions: readonly string[]): Record<string, number[]> {
    const out: Record<string, number[]> = {};
    for (const name of emotions) {
      const e = this.nameIndex.get(name) as number;
      out[name] = this.entries.map((entry) => round(entry.scores[e]));
    }
    return out;
  }
}

/** The first non-empty line, whitespace-collapsed and cut. */
export function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  return cut(line, FIRST_LINE_MAX);
}

/** The k highest readings as [emotion index, z], highest first. */
export function topScores(scores: ArrayLike<number>, k: number): Array<[number, number]> {
  const top: Array<[number, number]> = [];
  for (let i = 0; i < scores.length; i++) {
    const z = scores[i];
    if (!Number.isFinite(z)) continue;
    if (top.length < k || z > top[top.length - 1][1]) {
      top.push([i, round(z)]);
      top.sort((a, b) => b[1] - a[1]);
      if (top.length > k) top.pop();
    }
  }
  return top;
}

function round(z: number): number {
  return Math.round(z * 1e4) / 1e4;
}

function sameLoops(a: ReturnType<RunTrack['loops']>, b: ReturnType<RunTrack['loops']>): boolean {
  return a.length === b.length && a.every((l, i) => l.from === b[i].from && l.to === b[i].to && l.runs === b[i].runs);
}
