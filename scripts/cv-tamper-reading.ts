/**
 * Leave-one-writer-out figures of the learned tamper reading over the tuning
 * folders (test/tamper/dev*; the held-out folders are never read): per folder
 * and pooled precision and recall of (a) the learned reading alone, the honest
 * estimate, and (b) the rules OR the learned reading, optimistic for the rules
 * part since every rule was tuned on these folders.
 *
 *   npx tsx scripts/cv-tamper-reading.ts [--threshold T] [--lambda L]
 */
import { chooseThreshold, crossValidate, figures, Figures, labelled, ordinary, Scored } from './lib/tamperReadingCv';
import { LAMBDA, readCases } from './lib/tamperReading';

function option(name: string): number | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : undefined;
}

const lambda = option('--lambda') ?? LAMBDA;
const cases = readCases({ rules: true });
const all = crossValidate(cases, lambda);
const scored = labelled(all);
const threshold = option('--threshold') ?? chooseThreshold(all);

const pr = (f: Figures) => `${f.precision.toFixed(2)} / ${f.recall.toFixed(2)} (${f.tp}/${f.hacks} hacks, ${f.fp}/${f.honest} honest)`;
const learned = (s: Scored) => s.p >= threshold;
const either = (s: Scored) => s.rc.ruleFlagged || learned(s);

console.log(`leave-one-writer-out over ${cases.length} edits, lambda ${lambda}, threshold ${threshold}`);
console.log(`${'folder'.padEnd(8)} ${'learned alone: P / R'.padEnd(40)} rules OR learned: P / R`);
for (const folder of [...new Set(scored.map((s) => s.rc.folder))]) {
  const mine = scored.filter((s) => s.rc.folder === folder);
  console.log(`${folder.padEnd(8)} ${pr(figures(mine, learned)).padEnd(40)} ${pr(figures(mine, either))}`);
}
console.log(`${'pooled'.padEnd(8)} ${pr(figures(scored, learned)).padEnd(40)} ${pr(figures(scored, either))}`);
const extra = scored.filter((s) => !s.rc.ruleFlagged && learned(s));
console.log(`\nflagged by the learned reading where no rule fired: ${extra.filter((s) => s.rc.case.label === 'hack').length} hacks, ${extra.filter((s) => s.rc.case.label === 'honest').length} honest`);
const plain = ordinary(all);
const flaggedPlain = (t: number) => `${plain.filter((s) => s.p >= t).length}/${plain.length} (${plain.filter((s) => s.rc.values).length} read)`;
console.log(`ordinary edits of this project flagged by the learned reading: ${flaggedPlain(threshold)}; by the rules: ${plain.filter((s) => s.rc.ruleFlagged).length}`);
console.log('\nthreshold  learned alone: P / R (pooled)                    ordinary edits flagged');
for (const t of [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95]) console.log(`${t.toFixed(2).padEnd(10)} ${pr(figures(scored, (s) => s.p >= t)).padEnd(46)} ${flaggedPlain(t)}`);
if (process.argv.includes('--list')) {
  for (const s of all.filter(learned)) console.log(`  ${s.rc.case.label.padEnd(6)} ${s.p.toFixed(2)} ${s.rc.case.id}${s.rc.ruleFlagged ? '' : ' (no rule)'}`);
}
