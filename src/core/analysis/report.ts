import { sessionTitle, type SessionAnalysis } from './sessionAnalysis';
import { poolingName } from './pooling';
import type { Alert } from '../monitor/types';
import type { ReadingModel } from './scoring';

type Errors = ReadonlyArray<{ path: string; error: string }>;

const round = (z: number) => Math.round(z * 1000) / 1000;

/** The JSON document `scan --json` prints (one object; every completion carries all 171 readings). */
export function scanJson(analyses: readonly SessionAnalysis[], emotions: readonly string[], errors: Errors, model: ReadingModel): string {
  return JSON.stringify({
    model,
    sessions: analyses.map((a) => ({
      id: a.session.id,
      assistant: a.session.assistant,
      path: a.session.sourcePath,
      title: sessionTitle(a.session),
      completions: a.completions.map((c) => ({
        index: c.index,
        timestamp: c.timestamp,
        text: c.text,
        source: c.source,
        scores: Object.fromEntries(emotions.map((e, i) => [e, round(c.scores[i])])),
        tokens: c.tokens,
        readable: c.readable,
        ...(c.unreadable ? { unreadable: c.unreadable } : {}),
        pooling: poolingName(c.pooling),
        ...(c.pooling.kind === 'mean' ? {} : { meanScores: Object.fromEntries(emotions.map((e, i) => [e, round(c.meanScores[i])])) }),
        flags: c.flags.map((f) => ({ reason: f.reason, message: f.message })),
      })),
      testRuns: a.testRuns.map((r) => ({
        afterCompletion: r.afterCompletion,
        command: r.command,
        recognisedBy: r.recognisedBy,
        reason: r.reason,
        outcome: r.outcome,
        counts: r.counts,
        exitCode: r.exitCode,
        source: r.source,
      })),
      alerts: a.alerts.map(alertJson),
      state: a.state(),
    })),
    errors,
  });
}

function alertJson(alert: Alert) {
  return { completionIndex: alert.completionIndex ?? null, kind: alert.kind, message: alert.message, evidence: alert.evidence };
}

/** One CSV row per completion: the session, the completion, its flags and all 171 readings. */
export function scanCsv(analyses: readonly SessionAnalysis[], emotions: readonly string[]): string {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const rows = [['session', 'assistant', 'path', 'index', 'timestamp', 'flags', ...emotions].map(cell).join(',')];
  for (const a of analyses) {
    for (const c of a.completions) {
      rows.push(
        [a.session.id, a.session.assistant, a.session.sourcePath, c.index, c.timestamp, c.flags.map((f) => f.reason).join(' '), ...Array.from(c.scores, round)]
          .map(cell)
          .join(','),
      );
    }
  }
  return rows.join('\n') + '\n';
}

/**
 * The readable timeline: one line per completion with desperate, calm, the top
 * emotion and the test runs that followed it, alerts printed where they fired.
 */
export function scanTable(analyses: readonly SessionAnalysis[], emotions: readonly string[], errors: Errors, model: ReadingModel): string {
  const desperate = emotions.indexOf('desperate');
  const calm = emotions.indexOf('calm');
  const out: string[] = [];
  for (const a of analyses) {
    const title = sessionTitle(a.session);
    out.push(`${a.session.assistant} · ${title}`, `  ${a.session.sourcePath}`, '');
    out.push('     #  time      desperate  calm   top emotion           tests after   text');
    for (const c of a.completions) {
      const runs = a.testRuns.filter((r) => r.afterCompletion === c.index).map((r) => (r.outcome === 'pass' ? 'pass' : r.outcome === 'fail' ? 'FAIL' : '?'));
      let best = 0;
      c.scores.forEach((z, i) => {
        if (z > c.scores[best]) best = i;
      });
      const time = c.timestamp ? c.timestamp.slice(11, 19) : '';
      const text = c.text.replace(/\s+/g, ' ').slice(0, 60);
      const flag = c.flags.length > 0 ? '!' : ' ';
      // An unreadable completion shows why instead of numbers it cannot back.
      const readings = c.readable
        ? `${fmt(c.scores[desperate]).padStart(9)}  ${fmt(c.scores[calm]).padStart(5)}  ${emotions[best].padEnd(20)}`
        : `${'-'.padStart(9)}  ${'-'.padStart(5)}  ${(c.unreadable ?? 'unreadable').slice(0, 20).padEnd(20)}`;
      out.push(`  ${flag}${String(c.index).padStart(3)}  ${time.padEnd(8)}  ${readings}  ${runs.join(' ').padEnd(12)}  ${text}`);
      for (const alert of a.alerts.filter((x) => x.completionIndex === c.index)) {
        out.push(`        ⚠ ${alert.kind === 'tampering' ? 'possible test tampering: ' : 'Emotion Lens: '}${alert.message}`);
      }
    }
    const state = a.state();
    out.push('', `  ${a.completions.length} completions, ${a.testRuns.length} test runs (${a.testRuns.filter((r) => r.outcome === 'fail').length} failed, longest failing streak ${state.longestFailingStreak}), ${a.alerts.length} alert${a.alerts.length === 1 ? '' : 's'}`, '');
  }
  if (analyses.length === 0) out.push('No sessions found.', '');
  for (const e of errors) out.push(`note: ${e.path}: ${e.error}`);
  out.push(`Read with ${model.label}. Readings are z-scores against neutral text: 0 reads like neutral text, 1 is one neutral standard deviation above it.`);
  return out.join('\n') + '\n';
}

function fmt(z: number): string {
  return (z >= 0 ? '+' : '') + z.toFixed(2);
}
