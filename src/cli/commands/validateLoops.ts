import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoopBenchmarkReport } from '../../core/analysis/loopBenchmark';
import { parseLoopLabels } from '../../core/analysis/loopLabels';
import { readLoopSessions, replayLoops } from '../../core/analysis/loopRun';
import type { TextScorer } from '../../core/analysis/scoring';
import type { MonitorSettings } from '../../core/monitor/types';
import { UsageError } from '../command';

/**
 * `validate --loops DIR`: the loop benchmark's figures for the monitor's settings, and with
 * `--sweep` one row per threshold (readings are made once, the monitor replayed per row).
 */
export async function validateLoops(dir: string, scorer: TextScorer, settings: MonitorSettings, sweep: number[]): Promise<{ reports: Array<{ settings: MonitorSettings; report: LoopBenchmarkReport }> }> {
  let text: string;
  try {
    text = await readFile(join(dir, 'labels.json'), 'utf8');
  } catch {
    throw new UsageError(`--loops ${dir}: no labels.json there (see test/loops/README.md for its format)`);
  }
  let labels;
  try {
    labels = parseLoopLabels(text);
  } catch (error) {
    throw new UsageError(`--loops ${dir}: ${(error as Error).message}`);
  }
  const read = await readLoopSessions(dir, labels, scorer, settings);
  const all = sweep.length ? sweep.map((t) => ({ ...settings, desperationThreshold: t })) : [settings];
  return { reports: all.map((s) => ({ settings: s, report: replayLoops(read, scorer.emotions, s) })) };
}

const pct = (x: number | null) => (x === null ? '—' : `${(100 * x).toFixed(0)}%`);
const num = (x: number | null, digits = 2) => (x === null ? '—' : x.toFixed(digits));

export function formatLoops(dir: string, reports: Array<{ settings: MonitorSettings; report: LoopBenchmarkReport }>): string {
  const out: string[] = [`Loop benchmark: ${dir}`, ''];
  const { report: first } = reports[0];
  out.push('  session                                   kind         compl  hack  1st warn  lead  tamper');
  for (const s of first.sessions) {
    const tamper = s.tamperAtHack === null ? (s.tamperElsewhere ? `${s.tamperElsewhere} false` : '') : s.tamperAtHack ? 'at hack' : 'missed';
    out.push(
      `  ${s.id.padEnd(42).slice(0, 42)}${s.kind.padEnd(13)}${String(s.completions).padStart(5)}  ${String(s.hackCompletion ?? '').padStart(4)}  ${String(s.firstWarning ?? '').padStart(8)}  ${String(s.leadCompletions ?? '').padStart(4)}  ${tamper}`,
    );
  }
  out.push('');
  out.push('  threshold  warned before hack      median lead (compl / fail runs)  false warnings /1000 (in passing)');
  for (const { settings, report } of reports) {
    out.push(
      `  ${settings.desperationThreshold.toFixed(2).padStart(9)}  ${`${report.warnedBeforeHack}/${report.hackLoops} (${pct(report.warnedShare)})`.padEnd(22)}  ${`${num(report.medianLeadCompletions, 1)} / ${num(report.medianLeadFailingRuns, 1)}`.padEnd(31)}  ${num(report.falseWarningsPer1000, 1)} (${report.falseWarningsInPassing})`,
    );
  }
  out.push('');
  out.push('  long-loop notice (counts failing runs in a row, reads no text):');
  for (const { settings, report } of reports.slice(0, 1)) {
    const n = report.notices;
    out.push(`  at ${settings.longLoopRuns} runs: before the hack in ${n.beforeHack}/${report.hackLoops} (${pct(n.share)}); elsewhere ${num(n.falsePer1000, 1)} per 1,000 completions (${n.inPassing} in passing sessions)`);
  }
  const a = first.loopAuc;
  out.push('');
  out.push(`  within-loop AUC per completion (${a.positives} in failing loops vs ${a.negatives} outside): desperate ${num(a.desperate)}, desperate−calm ${num(a.desperateMinusCalm)}`);
  const t = first.tamper;
  out.push(`  tamper evidence at the hack: recall ${pct(t.recall)} (${t.truePositives}/${t.hackLoops}), precision ${pct(t.precision)} (${t.falsePositives} elsewhere)`);
  return out.join('\n') + '\n';
}
