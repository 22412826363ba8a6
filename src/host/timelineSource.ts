import type { AnalysedBatch, CompletionScorer, SessionAnalysis } from '../core/analysis/sessionAnalysis';
import type { LiveMonitor } from '../core/analysis/liveMonitor';
import { buildCompletionDetail, completionExport } from '../core/chartData/completionDetail';
import { orientAxes, pairs, type Point } from '../core/chartData/mapPosition';
import { SessionViewBuilder } from '../core/chartData/sessionViewBuilder';
import { sentenceAttribution } from '../core/chartData/sentenceAttribution';
import type { FlagStore } from '../core/monitor/flagStore';
import type { SourcePointer } from '../core/sessions/model';
import type { CompletionDetail, EmotionCatalog, SentenceAttribution, SeriesResult, SessionAppend, SessionListItem, SessionView } from '../shared/protocol';
import type { TimelineSource } from './timelinePanel';

/** The sessions the timeline reads from (the live monitor). */
export type LiveSessions = Pick<LiveMonitor, 'sessions' | 'get'>;

export interface TimelineContext {
  sessions: () => LiveSessions | undefined;
  /** The scorer once open (never opens it). */
  scorer: () => CompletionScorer | undefined;
  /** The flag store once loaded from global storage. */
  flags: () => FlagStore | undefined;
  emotionsShown: () => string[];
  /** Read on every view, so the chart's loops follow the setting (one rule: sessions/failingStreak.ts). */
  minFailingRuns: () => number;
  threshold: () => number;
  status: () => string;
  /** Asks for a session to be read; the panel is told when it is (sessionReplaced). */
  requestAnalysis: (key: string) => void;
}

/** A session's chart, built from the analysed-event stream of one SessionAnalysis. */
interface Chart {
  analysis?: SessionAnalysis;
  builder: SessionViewBuilder;
}

/**
 * The timeline's view model: one SessionViewBuilder per analysed session, fed each
 * analysed event once from the stream (take), so a view or a live append costs what
 * is new, never a walk over the session. Answers what the panel asks.
 */
export class HostTimelineSource implements TimelineSource {
  private readonly charts = new Map<string, Chart>();
  private coords?: { scorer: CompletionScorer; points: Point[] };

  constructor(private readonly ctx: TimelineContext) {}

  /** One analysed batch of a session, from the stream: added to its chart ('new' when the chart was made for it). */
  take(key: string, batch: AnalysedBatch): 'added' | 'new' {
    const analysis = this.ctx.sessions()?.get(key)?.analysis;
    const made = this.charts.get(key)?.analysis === analysis ? 'added' : 'new';
    const chart = this.chart(key, analysis);
    if (!chart) return made;
    for (const { event, completion, flags } of batch.events) {
      chart.builder.addEvent(event, completion?.scores, completion && !completion.readable ? (completion.unreadable ?? 'not read') : undefined);
      for (const flag of flags) chart.builder.addFlag(flag);
    }
    chart.builder.setAlertLevel(batch.state.baseline + this.ctx.threshold());
    return made;
  }

  /** What the chart of a session gained since the panel last heard of it, with the readings of `emotions`. */
  append(key: string, emotions: readonly string[]): SessionAppend | undefined {
    return this.charts.get(key)?.builder.takeAppend(emotions);
  }

  catalog(): EmotionCatalog {
    const scorer = this.ctx.scorer();
    if (!scorer) return { names: [], coords: [], defaults: this.ctx.emotionsShown() };
    const explained = scorer.vectors.header.pcaExplainedVariance;
    return { names: [...scorer.emotions], coords: this.mapCoords(scorer), explained: [explained[0] ?? 0, explained[1] ?? 0], defaults: this.ctx.emotionsShown() };
  }

  sessions(): SessionListItem[] {
    const model = this.ctx.scorer()?.model.id;
    return (this.ctx.sessions()?.sessions() ?? []).map((s) => ({
      key: s.key,
      assistant: s.session.assistant,
      title: s.title,
      lastActivity: s.summary.lastActivity,
      completions: s.summary.completions,
      failingStreak: s.analysis?.state().failingStreak ?? 0,
      desperate: s.analysis?.state().desperate,
      flagged: this.ctx.flags()?.forSession(s.key, model).length ?? 0,
    }));
  }

  status(): string {
    return this.ctx.status();
  }

  defaultSession(): string | undefined {
    const all = this.ctx.sessions()?.sessions() ?? [];
    return (all.find((s) => s.analysis) ?? all[0])?.key;
  }

  view(key: string, emotions: readonly string[]): SessionView | undefined {
    const entry = this.ctx.sessions()?.get(key);
    if (!entry) return undefined;
    if (!entry.analysis) this.ctx.requestAnalysis(key);
    const chart = this.charts.get(key) ?? this.chart(key, entry.analysis);
    // The alert line follows the threshold setting as the loops follow minFailingRuns.
    if (entry.analysis) chart?.builder.setAlertLevel(entry.analysis.state().baseline + this.ctx.threshold());
    return chart?.builder.view(emotions);
  }

  series(key: string, emotions: readonly string[]): SeriesResult | undefined {
    return this.charts.get(key)?.builder.series(emotions);
  }

  /** The inspector's content: built from the readings the stream brought, with no model run; `emotion` picks the sentence shading. */
  async completion(key: string, index: number, emotion = 'desperate'): Promise<CompletionDetail | undefined> {
    const found = this.analysed(key, index);
    const scorer = this.ctx.scorer();
    if (!found || !scorer) return undefined;
    const { entry, analysis, completion } = found;
    return buildCompletionDetail({
      key,
      session: entry.session,
      index,
      emotions: scorer.emotions,
      scores: completion.scores,
      alerts: analysis.alerts,
      flags: completion.flags,
      ...(completion.readable ? { attribution: this.sentences(key, index, emotion) } : { unreadable: completion.unreadable ?? 'not read' }),
    });
  }

  /** Which sentences a completion's reading of one emotion comes from, from the readings kept (no model run). */
  sentences(key: string, index: number, emotion: string): SentenceAttribution | undefined {
    const found = this.analysed(key, index);
    const at = this.ctx.scorer()?.emotions.indexOf(emotion) ?? -1;
    if (!found || at < 0) return undefined;
    const { completion } = found;
    return sentenceAttribution({ text: completion.text, sentences: completion.sentences, emotionIndex: at, emotion, reading: completion.scores[at], pooling: completion.pooling });
  }

  source(key: string, eventId: string): SourcePointer | undefined {
    // Only events of known sessions are ever opened: the webview names an id, never a path.
    return this.ctx.sessions()?.get(key)?.session.events.find((e) => e.id === eventId)?.source;
  }

  async completionJson(key: string, index: number): Promise<object | undefined> {
    const detail = await this.completion(key, index);
    const found = this.analysed(key, index);
    const emotions = this.ctx.scorer()?.emotions;
    return detail && found && emotions ? completionExport(detail, found.entry.session, emotions, found.completion.scores) : undefined;
  }

  private analysed(key: string, index: number) {
    const entry = this.ctx.sessions()?.get(key);
    const analysis = entry?.analysis;
    const completion = analysis?.completions.find((c) => c.index === index);
    return entry && analysis && completion ? { entry, analysis, completion } : undefined;
  }

  /**
   * The chart of a session, made anew when another analysis reads it (a rescan or
   * another model); undefined until the scorer is open.
   */
  private chart(key: string, analysis: SessionAnalysis | undefined): Chart | undefined {
    const existing = this.charts.get(key);
    if (existing && existing.analysis === analysis) return existing;
    const scorer = this.ctx.scorer();
    const entry = this.ctx.sessions()?.get(key);
    if (!scorer || !entry) return undefined;
    const builder = new SessionViewBuilder({
      key,
      title: entry.title,
      assistant: entry.session.assistant,
      model: scorer.model.label,
      emotions: scorer.emotions,
      coords: this.mapCoords(scorer),
      minFailingRuns: this.ctx.minFailingRuns,
    });
    const chart = { analysis, builder };
    this.charts.set(key, chart);
    return chart;
  }

  private mapCoords(scorer: CompletionScorer): Point[] {
    if (this.coords?.scorer !== scorer) this.coords = { scorer, points: orientAxes(scorer.emotions, pairs(scorer.vectors.coords)) };
    return this.coords.points;
  }
}
