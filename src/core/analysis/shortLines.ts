import { DEFAULT_SETTINGS } from '../../shared/settings';
import type { TextScorer } from './scoring';

/**
 * How short neutral lines read: each line is read as a completion would be, and
 * a line counts as read extreme when any of the emotions plotted by default
 * reads beyond ±2 neutral standard deviations. Lines marked unreadable show no
 * reading (and can drive no warning), so they count as not extreme; the report
 * also gives the share among readable lines.
 */
export interface ShortLinesReport {
  lines: number;
  unreadable: number;
  emotions: string[];
  /** Lines with |z| > 2 on any of `emotions`, over all lines. */
  extremeShare: number;
  /** The same, over readable lines only. */
  extremeShareOfReadable: number;
  /** Per emotion: share of readable lines with |z| > 2, and the mean reading. */
  perEmotion: Record<string, { beyond2: number; meanZ: number }>;
  /** The lines read extreme, with their worst default emotion. */
  extreme: Array<{ line: string; emotion: string; z: number }>;
}

export const EXTREME_Z = 2;

export async function shortLinesReport(scorer: TextScorer, lines: readonly string[], emotions: readonly string[] = DEFAULT_SETTINGS.emotionsShown, signal?: AbortSignal): Promise<ShortLinesReport> {
  const index = emotions.map((e) => scorer.reader.indexOf(e));
  const readings = await Promise.all(lines.map((line) => scorer.readText(line, signal)));
  const readable = readings.map((r, i) => ({ r, line: lines[i] })).filter((x) => x.r.readable);
  const extreme: ShortLinesReport['extreme'] = [];
  for (const { r, line } of readable) {
    let worst = 0;
    index.forEach((e, k) => {
      if (Math.abs(r.scores[e]) > Math.abs(r.scores[index[worst]])) worst = k;
    });
    const z = r.scores[index[worst]];
    if (Math.abs(z) > EXTREME_Z) extreme.push({ line, emotion: emotions[worst], z: round(z) });
  }
  const perEmotion = Object.fromEntries(
    emotions.map((name, k) => {
      const values = readable.map((x) => x.r.scores[index[k]]);
      return [name, { beyond2: share(values.filter((z) => Math.abs(z) > EXTREME_Z).length, values.length), meanZ: round(values.reduce((s, z) => s + z, 0) / Math.max(1, values.length)) }];
    }),
  );
  return {
    lines: lines.length,
    unreadable: lines.length - readable.length,
    emotions: [...emotions],
    extremeShare: share(extreme.length, lines.length),
    extremeShareOfReadable: share(extreme.length, readable.length),
    perEmotion,
    extreme,
  };
}

export function formatShortLines(report: ShortLinesReport): string {
  const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
  const lines = [
    `${report.lines} lines, ${report.unreadable} marked too short or otherwise unreadable`,
    `|z| > ${EXTREME_Z} on any of ${report.emotions.join(', ')}: ${report.extreme.length} lines = ${pct(report.extremeShare)} of all lines, ${pct(report.extremeShareOfReadable)} of readable ones`,
    ...Object.entries(report.perEmotion).map(([e, s]) => `  ${e.padEnd(12)} |z| > ${EXTREME_Z}: ${pct(s.beyond2).padStart(6)}   mean z ${s.meanZ.toFixed(2)}`),
    ...report.extreme.map((x) => `  ${x.emotion} ${x.z.toFixed(2)}  ${x.line}`),
  ];
  return lines.join('\n') + '\n';
}

function share(n: number, of: number): number {
  return of === 0 ? 0 : Math.round((n / of) * 1e4) / 1e4;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
