import type { CompletionScorer } from '../core/analysis/scoring';
import type { LiveMonitor, LiveSession } from '../core/analysis/liveMonitor';
import { buildCompletionDetail, completionExport } from '../core/chartData/completionDetail';
import { tokenHeat } from '../shared/heatScale';
import { orientAxes, pairs, type Point } from '../core/chartData/mapPosition';
import { SessionViewBuilder } from '../core/chartData/sessionViewBuilder';
import type { FlagStore } from '../core/monitor/flagStore';
import type { SessionEvent, SourcePointer } from '../core/sessions/model';
import type { EmotionCatalog, SeriesResult, SessionAppend, SessionListItem, SessionView, TokenHeat } from '../shared/protocol';
import type { TimelineSource } from './timelinePanel';

interface BuilderState {
  builder: SessionViewBuilder;
  fed: Set<string>;
  /** The event list the cursor walks; a re-read document brings a new one. */
  events: readonly SessionEvent[];
  eventCursor: number;
  readCursor: number;
  scores: Map<string, Float32Array>;
  flagsFrom: number;
}

/** How many of a session's latest completions the heatmap's percentiles are taken over. */
const HEAT_SAMPLE_COMPLETIONS = 40;

export interface TimelineContext {
  monitor: () => LiveMonitor | undefined;
  scorer: () => Promise<CompletionScorer>;
  /** The scorer once open, without opening it. */
  openScorer: () => CompletionScorer | undefined;
  /** The flag store once loaded from global storage. */
  flags: () => FlagStore | undefined;
  emotionsShown: () => string[];
  minFailingRuns: () => number;
  threshold: () => number;
  status: () => string;
  /** Asks for a session to be read; the panel is told when it is (sessionReplaced). */
  requestAnalysis: (key: string) => void;
}

/**
 * What the timeline panel asks of the extension, answered from the live sessions:
 * one SessionViewBuilder per shown session, fed the analysis's events and readings
 * as they arrive, so a live append never resends the session.
 */
export class HostTimelineSource implements TimelineSource {
  private readonly builders = new Map<string, BuilderState>();
  private coords: Point[] | undefined;
  private readonly heatSamples = new Map<string, Float32Array>();

  constructor(private readonly ctx: TimelineContext) {}

  /** Forgets every view built from the previous model's readings (see TimelinePanel.modelChanged). */
  reset(): void {
    this.builders.clear();
    this.heatSamples.clear();
    this.coords = undefined;
  }

  catalog(): EmotionCatalog {
    const scorer = this.ctx.openScorer();
    if (!scorer) return { names: [], coords: [], defaults: this.ctx.emotionsShown() };
    const v = scorer.vectors;
    return {
      names: [...scorer.emotions],
      coords: this.mapCoords(),
      explained: [v.header.pcaExplainedVariance[0] ?? 0, v.header.pcaExplainedVariance[1] ?? 0],
      defaults: this.ctx.emotionsShown(),
    };
  }

  sessions(): SessionListItem[] {
    return (this.ctx.monitor()?.sessions() ?? []).map((s) => ({
      key: s.key,
      assistant: s.session.assistant,
      title: s.title,
      lastActivity: s.summary.lastActivity,
      completions: s.summary.completions,
      failingStreak: s.analysis?.state().failingStreak ?? 0,
      desperate: s.analysis?.state().desperate,
      flagged: this.ctx.flags()?.forSession(s.key, this.ctx.openScorer()?.model.id).length ?? 0,
    }));
  }

  status(): string {
    return this.ctx.status();
  }

  defaultSession(): string | undefined {
    const all = this.ctx.monitor()?.sessions() ?? [];
    return (all.find((s) => s.analysis) ?? all[0])?.key;
  }

  view(key: string, emotions: readonly string[]): SessionView | undefined {
    const entry = this.ctx.monitor()?.get(key);
    if (!entry) return undefined;
    if (!entry.analysis) this.ctx.requestAnalysis(key);
    const builder = this.sync(entry);
    return builder?.view(emotions);
  }

  series(key: string, emotions: readonly string[]): SeriesResult | undefined {
    const entry = this.ctx.monitor()?.get(key);
    return entry ? this.sync(entry)?.series(emotions) : undefined;
  }

  /** New completions, runs and flags of a session since the panel last heard of it. */
  append(key: string): SessionAppend | undefined {
    const entry = this.ctx.monitor()?.get(key);
    if (!entry || !this.builders.has(key)) return undefined;
    return this.sync(entry)?.takeAppend();
  }

  async completion(key: string, index: number, emotion: string) {
    const entry = this.ctx.monitor()?.get(key);
    const analysed = entry?.analysis?.completions.find((c) => c.index === index);
    if (!entry?.analysis || !analysed) return undefined;
    const heat = await this.tokens(key, index, emotion);
    return buildCompletionDetail({
      key,
      session: entry.session,
      index,
      emotions: (await this.ctx.scorer()).emotions,
      scores: analysed.scores,
      alerts: entry.analysis.alerts,
      flags: analysed.flags,
      heat,
    });
  }

  async tokens(key: string, index: number, emotion: string): Promise<TokenHeat | undefined> {
    const entry = this.ctx.monitor()?.get(key);
    const completion = entry?.analysis?.completions.find((c) => c.index === index);
    if (!entry?.analysis || !completion) return undefined;
    const reading = await entry.analysis.readTokens(index, emotion);
    if (!reading) return undefined;
    const tokens = reading.tokens.map((t, i) => ({ start: t.start, end: t.end, z: reading.values[i] }));
    return tokenHeat(emotion, tokens, await this.heatSample(entry, emotion), reading.tokens.length < completion.tokens);
  }

  source(key: string, eventId: string): SourcePointer | undefined {
    // Only events of known sessions are ever opened: the webview names an id, never a path.
    return this.ctx.monitor()?.get(key)?.session.events.find((e) => e.id === eventId)?.source;
  }

  async completionJson(key: string, index: number): Promise<object | undefined> {
    const entry = this.ctx.monitor()?.get(key);
    const analysed = entry?.analysis?.completions.find((c) => c.index === index);
    if (!entry?.analysis || !analysed) return undefined;
    const emotions = (await this.ctx.scorer()).emotions;
    const detail = buildCompletionDetail({ key, session: entry.session, index, emotions, scores: analysed.scores, alerts: entry.analysis.alerts, flags: analysed.flags });
    return detail ? completionExport(detail, entry.session, emotions, analysed.scores) : undefined;
  }

  /**
   * Brings the session's builder up to date with its analysis; undefined until the
   * scorer is open. Cursors keep the cost proportional to what is new.
   */
  private sync(entry: LiveSession): SessionViewBuilder | undefined {
    const scorer = this.ctx.openScorer();
    if (!scorer) return undefined;
    let state = this.builders.get(entry.key);
    if (!state) {
      const builder = new SessionViewBuilder({
        key: entry.key,
        title: entry.title,
        assistant: entry.session.assistant,
        model: scorer.model.label,
        emotions: scorer.emotions,
        coords: this.mapCoords(),
        minFailingRuns: this.ctx.minFailingRuns(),
      });
      state = { builder, fed: new Set(), events: entry.session.events, eventCursor: 0, readCursor: 0, scores: new Map(), flagsFrom: 0 };
      this.builders.set(entry.key, state);
    }
    const analysis = entry.analysis;
    if (!analysis) return state.builder;
    for (; state.readCursor < analysis.completions.length; state.readCursor++) {
      const c = analysis.completions[state.readCursor];
      state.scores.set(c.id, c.scores);
    }
    const events = entry.session.events;
    // Document formats may be re-read into a new event list: then start over (the ids skip what was fed).
    if (state.events !== events) {
      state.events = events;
      state.eventCursor = 0;
    }
    for (; state.eventCursor < events.length; state.eventCursor++) {
      const event = events[state.eventCursor];
      if (state.fed.has(event.id)) continue;
      if (event.kind === 'completion' && !state.scores.has(event.id)) break; // not read yet: keep order, wait
      state.builder.addEvent(event, event.kind === 'completion' ? state.scores.get(event.id) : undefined);
      state.fed.add(event.id);
    }
    // Flags land on the latest completions (an edit or claim after the text flags it),
    // so after the first full pass only the last few need looking at.
    for (const c of analysis.completions.slice(state.flagsFrom)) for (const flag of c.flags) state.builder.addFlag(flag);
    state.flagsFrom = Math.max(0, analysis.completions.length - 4);
    state.builder.setAlertLevel(analysis.state().baseline + this.ctx.threshold());
    return state.builder;
  }

  private mapCoords(): Point[] {
    const scorer = this.ctx.openScorer();
    if (!scorer) return [];
    this.coords ??= orientAxes(scorer.emotions, pairs(scorer.vectors.coords));
    return this.coords;
  }

  /**
   * Per-token readings of the session's latest completions for one emotion, the basis
   * of the heatmap's 99th/90th percentiles (as in the paper's figures). Cached per
   * session and emotion; a long session is sampled by its latest completions.
   */
  private async heatSample(entry: LiveSession, emotion: string): Promise<Float32Array | undefined> {
    const id = `${entry.key}|${emotion}|${entry.analysis?.completions.length ?? 0}`;
    const cached = this.heatSamples.get(id);
    if (cached) return cached;
    const analysis = entry.analysis;
    const recent = (analysis?.completions ?? []).slice(-HEAT_SAMPLE_COMPLETIONS);
    const readings = await Promise.all(recent.map((c) => analysis!.readTokens(c.index, emotion)));
    const sample = Float32Array.from(readings.flatMap((r) => (r ? Array.from(r.values) : [])));
    this.heatSamples.set(id, sample);
    return sample;
  }
}
