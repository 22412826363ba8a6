import type { CandidateScore } from './vectorFile';

/** The candidates compared on the held-out split, one line each (for `npm run calibrate` and the CLI). */
export function formatCandidates(candidates: readonly CandidateScore[]): string {
  const p = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(10);
  const lines = ['recipe  feature  denoise  shrinkage  story-top1  story-top5  assistant-top5  desperate-top5  desperate-vs-calm AUC'];
  for (const c of candidates) {
    const desperate = c.desperateInTop5 ? `${c.desperateInTop5.hits}/${c.desperateInTop5.of}` : '-';
    lines.push(
      `${(c.recipe ?? 'paper').padEnd(7)} ${c.feature.padEnd(8)} ${String(c.denoise).padEnd(8)} ${String(c.shrinkage ?? '-').padEnd(9)} ` +
        `${p(c.storyTop1)}  ${p(c.storyTop5)}  ${p(c.assistantTop5)}  ${desperate.padStart(14)}  ${c.desperateCalmAuc === undefined ? '-' : c.desperateCalmAuc.toFixed(3)}`,
    );
  }
  return lines.join('\n');
}
