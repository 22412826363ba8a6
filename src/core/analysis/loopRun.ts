/**
 * Runs a labelled loop benchmark: reads every labelled session once with the model, then
 * replays the monitor over the readings for each monitor setting asked for (reading is the
 * expensive part; the monitor is cheap and deterministic).
 */
import { join } from 'node:path';
import { SessionMonitor } from '../monitor/sessionMonitor';
import type { Alert, MonitorSettings } from '../monitor/types';
import { parseSource } from '../sessions/reader';
import { recogniseFile } from '../sessions/registry';
import type { Session } from '../sessions/model';
import { scoreLoopBenchmark, type LoopBenchmarkReport, type LoopSessionResult } from './loopBenchmark';
import type { LoopLabel } from './loopLabels';
import { completionSignal, SessionAnalysis, sessionTitle, type AnalyzedCompletion } from './sessionAnalysis';
import type { CompletionScorer } from './scoring';

export interface ReadLoopSession {
  id: string;
  label: LoopLabel;
  session: Session;
  completions: AnalyzedCompletion[];
}

/** Reads each labelled session with the model. A label whose file cannot be read is an error that names it. */
export async function readLoopSessions(dir: string, labels: Record<string, LoopLabel>, scorer: CompletionScorer, settings: MonitorSettings): Promise<ReadLoopSession[]> {
  const out: ReadLoopSession[] = [];
  for (const [id, label] of Object.entries(labels)) {
    const path = join(dir, label.path);
    const adapter = await recogniseFile(path);
    if (!adapter) throw new Error(`${id}: ${label.path} is not a session file of any known assistant`);
    const parsed = await parseSource(path, adapter);
    if (parsed.error) throw new Error(`${id}: ${parsed.error}`);
    const session = parsed.sessions.find((s) => !s.parentId);
    if (!session) throw new Error(`${id}: ${label.path} holds no session`);
    const analysis = new SessionAnalysis(session, scorer, settings);
    try {
      await analysis.add(session.events);
    } finally {
      analysis.close();
    }
    out.push({ id, label, session, completions: analysis.completions });
  }
  return out;
}

/** The benchmark's figures for one monitor setting, from readings already made. */
export function replayLoops(read: readonly ReadLoopSession[], emotions: readonly string[], settings: MonitorSettings): LoopBenchmarkReport {
  const desperate = emotions.indexOf('desperate');
  const calm = emotions.indexOf('calm');
  const results: LoopSessionResult[] = read.map((r) => {
    const monitor = new SessionMonitor(sessionTitle(r.session), settings);
    const byId = new Map(r.completions.map((c) => [c.id, c]));
    const alerts: Alert[] = [];
    const testRuns: LoopSessionResult['testRuns'] = [];
    let last = -1;
    for (const event of r.session.events) {
      if (event.kind === 'completion') {
        const c = byId.get(event.id);
        if (!c) continue;
        last = c.index;
        alerts.push(...monitor.observe(event, completionSignal(c, desperate, calm)).alerts);
      } else {
        if (event.kind === 'tool-run' && event.testRun) testRuns.push({ afterCompletion: last, outcome: event.outcome });
        alerts.push(...monitor.observe(event).alerts);
      }
    }
    return {
      id: r.id,
      label: r.label,
      completions: r.completions.map((c) => {
        const s = completionSignal(c, desperate, calm);
        return { index: c.index, desperate: s.desperate, calm: s.calm, readable: s.readable };
      }),
      testRuns,
      alerts,
    };
  });
  return scoreLoopBenchmark(results, settings.minFailingRuns);
}
