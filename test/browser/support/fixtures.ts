/**
 * Synthetic sessions for the browser tests and the benchmark, built with the same
 * host-side functions the extension uses (SessionViewBuilder, buildCompletionDetail,
 * sentenceAttribution, extractProse), so the webview is fed exactly what the real host would send.
 * Readings are made up but shaped like the paper's story: desperate rises with each
 * failing run of a loop, peaks at the hack, and drops once tests pass.
 */
import { readFileSync } from 'node:fs';
import type { Alert, Flag } from '../../../src/core/monitor/types';
import type { AssistantId, Session, SessionEvent } from '../../../src/core/sessions/model';
import type { SentenceReading } from '../../../src/core/analysis/scoring';
import type { CompletionDetail, EmotionCatalog, SentenceAttribution, SessionListItem } from '../../../src/shared/protocol';
import { SessionViewBuilder } from '../../../src/core/chartData/sessionViewBuilder';
import { buildCompletionDetail, completionExport } from '../../../src/core/chartData/completionDetail';
import { sentenceAttribution } from '../../../src/core/chartData/sentenceAttribution';
import { extractProse } from '../../../src/core/analysis/prose';
import { orientAxes, type Point } from '../../../src/core/chartData/mapPosition';

export const EMOTIONS = readFileSync('media/corpus/emotions.txt', 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
export const DEFAULTS = ['desperate', 'calm', 'frustrated', 'afraid', 'hopeful'];

/** A small deterministic PRNG, so every run draws the same chart. */
export function random(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

/** Rough valence/arousal of some anchor words; the rest are spread around them. */
const ANCHORS: Record<string, Point> = {
  happy: [2, 0.6], joyful: [2.2, 1], delighted: [2, 1.2], content: [1.6, -1], calm: [1.2, -2], peaceful: [1.4, -1.8],
  relaxed: [1.5, -2], serene: [1.3, -2.1], hopeful: [1.3, 0.4], excited: [1.4, 2], thrilled: [1.8, 2.2], proud: [1.5, 0.8],
  sad: [-1.8, -1], depressed: [-2, -1.4], gloomy: [-1.6, -1.2], tired: [-0.6, -2], sleepy: [0.1, -2.3], bored: [-0.8, -1.6],
  desperate: [-1.9, 1.7], afraid: [-1.6, 1.5], terrified: [-2, 2.2], panicked: [-1.8, 2.3], frustrated: [-1.5, 1], angry: [-1.8, 1.6],
  enraged: [-2.1, 2.1], anxious: [-1.3, 1.4], nervous: [-1, 1.3], stressed: [-1.4, 1.5], miserable: [-2, -0.6], hysterical: [-1.5, 2.4],
};

export function catalog(): EmotionCatalog {
  const rand = random(171);
  const coords: Point[] = EMOTIONS.map((name) => {
    const a = ANCHORS[name];
    if (a) return [a[0] + (rand() - 0.5) * 0.2, a[1] + (rand() - 0.5) * 0.2];
    return [(rand() - 0.5) * 4, (rand() - 0.5) * 4];
  });
  return { names: EMOTIONS, coords: orientAxes(EMOTIONS, coords), explained: [0.27, 0.15], defaults: DEFAULTS };
}

export interface FakeSessionOptions {
  key: string;
  title: string;
  completions: number;
  assistant?: AssistantId;
  seed?: number;
  /** The text of completion i (default: a plausible line of an assistant fixing a test). */
  text?: (i: number) => string;
  /** Output of every test run (default: a short runner summary). */
  runOutput?: string;
  /** Command of every test run. */
  command?: string;
  /** Completions whose text is a short status line, read as the reader would: unreadable, too short. */
  short?: readonly number[];
}

export const SHORT_LINE = 'Running the tests now.';
export const SHORT_REASON = 'too short to read (5 tokens, fewer than 8)';

const FAILING_FROM = 10;
const FAILING_TO = 25;

export function defaultText(i: number): string {
  if (i < FAILING_FROM) return `Let me look at the slugify module first.\nStep ${i}: reading the code and the failing test.`;
  if (i <= FAILING_TO) return `The test still fails. Let me try again with a different approach, attempt ${i - FAILING_FROM + 1}.\nI really need this to pass before the release.`;
  return `All tests pass now. The fix handles unicode input.\nCompletion ${i}.`;
}

/**
 * One session: a run after completion 3 passes, every completion from FAILING_FROM to
 * FAILING_TO is followed by a failing run (a failing loop), the run after FAILING_TO + 1
 * passes, then every fifth completion has a passing run. Flags at 22 and 24.
 */
export class FakeSession {
  readonly key: string;
  readonly session: Session;
  readonly builder: SessionViewBuilder;
  readonly scores = new Map<number, Float32Array>();
  readonly unreadable = new Map<number, string>();
  readonly flags: Flag[] = [];
  readonly alerts: Alert[] = [];
  private readonly rand: () => number;
  private readonly options: FakeSessionOptions;
  private line = 1;
  private time: number;

  constructor(options: FakeSessionOptions, private readonly cat: EmotionCatalog = catalog()) {
    this.options = options;
    this.key = options.key;
    this.rand = random(options.seed ?? 7);
    this.time = Date.UTC(2026, 10, 2, 9, 0, 0);
    this.session = { id: options.key, assistant: options.assistant ?? 'claude-code', title: options.title, sourcePath: `/home/dev/.claude/projects/demo/${options.key}.jsonl`, events: [], parseErrors: 0 };
    this.builder = new SessionViewBuilder({
      key: options.key,
      title: options.title,
      assistant: this.session.assistant,
      model: 'embedded USE-lite',
      emotions: cat.names,
      coords: cat.coords,
      minFailingRuns: 3,
    });
    this.builder.setAlertLevel(1.2);
    for (let i = 0; i < options.completions; i++) this.addCompletion(i);
    this.builder.view(DEFAULTS); // start clean: what follows is an append
  }

  get count(): number {
    return this.session.events.filter((e) => e.kind === 'completion').length;
  }

  /** Adds completion i and the runs after it, feeding the builder like the monitor would. */
  addCompletion(i: number): void {
    const short = this.options.short?.includes(i) ?? false;
    const text = short ? SHORT_LINE : (this.options.text ?? defaultText)(i);
    const completion: SessionEvent = { kind: 'completion', id: `c${i}`, index: i, text, timestamp: this.stamp(), source: this.source(), model: 'claude-sonnet-4-5' };
    const scores = this.readings(i);
    if (short) this.unreadable.set(i, SHORT_REASON);
    this.push(completion, scores);
    if (i === 22) this.flag(i, 'desperation', 'Desperate rose 1.6 above the baseline during 12 failing runs');
    if (i === 24) this.flag(i, 'test-file-edited', 'tests/test_slugify.py was edited during a failing loop');
    const fail = i >= FAILING_FROM && i <= FAILING_TO;
    if (i === 3 || fail || i === FAILING_TO + 1 || (i > FAILING_TO + 1 && i % 5 === 0)) this.run(i, fail ? 'fail' : 'pass');
  }

  private readings(i: number): Float32Array {
    const names = this.cat.names;
    const s = new Float32Array(names.length);
    for (let e = 0; e < s.length; e++) s[e] = (this.rand() - 0.5) * 0.8;
    const inLoop = i >= FAILING_FROM && i <= FAILING_TO;
    const rise = inLoop ? (i - FAILING_FROM + 1) * 0.16 : i > FAILING_TO ? -0.2 : 0;
    const set = (name: string, z: number) => (s[names.indexOf(name)] = z);
    set('desperate', 0.1 + rise + (this.rand() - 0.5) * 0.2);
    set('calm', 0.6 - rise * 0.8 + (this.rand() - 0.5) * 0.2);
    set('frustrated', 0.2 + rise * 0.6 + (this.rand() - 0.5) * 0.3);
    set('afraid', rise * 0.4 + (this.rand() - 0.5) * 0.3);
    set('hopeful', 0.5 - rise * 0.5 + (i > FAILING_TO ? 0.8 : 0) + (this.rand() - 0.5) * 0.2);
    return s;
  }

  private run(i: number, outcome: 'pass' | 'fail'): void {
    const output = this.options.runOutput ?? (outcome === 'fail' ? `FAILED tests/test_slugify.py::test_unicode - AssertionError: 'cafe' != 'café'\n1 failed, 11 passed in 0.21s` : '12 passed in 0.19s');
    this.push({
      kind: 'tool-run',
      id: `r${i}`,
      command: this.options.command ?? 'pytest -q',
      exitCode: outcome === 'fail' ? 1 : 0,
      output,
      testRun: true,
      recognisedBy: 'command',
      reason: 'runs pytest',
      runner: 'pytest',
      outcome,
      counts: outcome === 'fail' ? { failed: 1, passed: 11 } : { passed: 12 },
      timestamp: this.stamp(),
      source: this.source(),
    });
  }

  private flag(i: number, reason: Flag['reason'], message: string): void {
    const flag: Flag = { completionIndex: i, completionId: `c${i}`, reason, message };
    this.flags.push(flag);
    this.builder.addFlag(flag);
    if (reason === 'desperation') {
      this.alerts.push({
        kind: 'desperation',
        completionIndex: i,
        message,
        evidence: { failingStreak: 12, failingRuns: [{ command: 'pytest -q', source: { path: this.session.sourcePath, line: this.line - 1 } }], baseline: 0.1, level: 1.7, trend: 0.16, calm: -0.5 },
      });
    } else {
      this.alerts.push({ kind: 'tampering', completionIndex: i, message, evidence: { kind: reason, detail: message, source: { path: this.session.sourcePath, line: this.line - 1 }, completionIndex: i } });
    }
  }

  private push(event: SessionEvent, scores?: Float32Array): void {
    this.session.events.push(event);
    if (event.kind === 'completion' && scores) this.scores.set(event.index, scores);
    this.builder.addEvent(event, scores, event.kind === 'completion' ? this.unreadable.get(event.index) : undefined);
  }

  private stamp(): string {
    this.time += 7000;
    return new Date(this.time).toISOString();
  }

  private source() {
    return { path: this.session.sourcePath, line: this.line++ };
  }

  listItem(): SessionListItem {
    return { key: this.key, assistant: this.session.assistant, title: this.options.title, completions: this.builder.completionCount, failingStreak: this.builder.failingStreak, flagged: this.builder.flaggedCount, lastActivity: new Date(this.time).toISOString() };
  }

  /**
   * Per-sentence readings, on the sentences the real reader cuts (extractProse), made
   * consistent with max pooling: for every emotion the highest readable sentence reads
   * exactly the completion's reading. Sentences about failing lead for desperate; a
   * sentence of fewer than 6 words is too short to read on its own.
   */
  sentenceReadings(index: number): SentenceReading[] {
    const completion = this.session.events.find((e) => e.kind === 'completion' && e.index === index);
    const scores = this.scores.get(index);
    if (!completion || completion.kind !== 'completion' || !scores) return [];
    const d = this.cat.names.indexOf('desperate');
    const rand = random(index * 31 + 5);
    const segments = extractProse(completion.text).segments;
    const readable = segments.map((seg) => seg.text.split(/\s+/).length >= 6);
    let hot = 0;
    const offsets = segments.map((seg) => {
      const off = Float32Array.from(scores, () => -rand());
      if (/fail|again|need|really/i.test(seg.text)) off[d] = -0.3 * hot++;
      else off[d] = -1 - rand();
      return off;
    });
    const top = Float32Array.from(scores, (_, e) => Math.max(...offsets.filter((_, k) => readable[k]).map((o) => o[e])));
    return segments.map((seg, k) => ({
      start: seg.start,
      end: seg.end,
      tokens: seg.text.split(/\s+/).length + 2,
      readable: readable[k],
      scores: Float32Array.from(scores, (z, e) => z + offsets[k][e] - top[e]),
    }));
  }

  /** Which sentences a reading comes from, as the host answers `sentences` (max pooling). */
  sentences(index: number, emotion: string): SentenceAttribution | undefined {
    const completion = this.session.events.find((e) => e.kind === 'completion' && e.index === index);
    const scores = this.scores.get(index);
    const at = this.cat.names.indexOf(emotion);
    if (!completion || completion.kind !== 'completion' || !scores || at < 0 || this.unreadable.has(index)) return undefined;
    return sentenceAttribution({ text: completion.text, sentences: this.sentenceReadings(index), emotionIndex: at, emotion, reading: scores[at], pooling: { kind: 'max' } });
  }

  /** As the host answers: the sentence shading of the asked emotion, or why the completion was not read. */
  detail(index: number, emotion = 'desperate'): CompletionDetail | undefined {
    const scores = this.scores.get(index);
    if (!scores) return undefined;
    const unreadable = this.unreadable.get(index);
    const attribution = this.sentences(index, emotion);
    return buildCompletionDetail({
      key: this.key,
      session: this.session,
      index,
      emotions: this.cat.names,
      scores,
      alerts: this.alerts,
      flags: this.flags,
      ...(unreadable !== undefined ? { unreadable } : attribution ? { attribution } : {}),
    });
  }

  json(index: number): object | undefined {
    const d = this.detail(index);
    const scores = this.scores.get(index);
    return d && scores ? completionExport(d, this.session, this.cat.names, scores) : undefined;
  }
}
