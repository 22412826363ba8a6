// The printed result of a mutation run: killed/survived per file, the score per
// folder and overall, every surviving mutant (file:line, before -> after), and
// whether each planted bug was caught.
const KILLED = new Set(['killed', 'timeout']);

function score(mutants) {
  const killed = mutants.filter((m) => KILLED.has(m.status)).length;
  return { total: mutants.length, killed, percent: mutants.length ? (100 * killed) / mutants.length : 100 };
}

const pad = (s, n) => String(s).padEnd(n);
const lpad = (s, n) => String(s).padStart(n);

export function printReport({ plan, excludedTests, excludedFiles, perFile, seed, seconds }) {
  const out = [];
  out.push('', `Mutation check: ${perFile} mutants sampled per file, seed ${seed}, ${seconds.toFixed(0)} s`, '');
  out.push(`${pad('file', 52)} ${lpad('tried', 5)} ${lpad('of', 4)} ${lpad('killed', 6)} ${lpad('survived', 8)} ${lpad('score', 6)}`);
  const byTarget = new Map();
  for (const entry of plan) {
    if (entry.mutants.length === 0) continue;
    const s = score(entry.mutants);
    const survived = s.total - s.killed;
    out.push(`${pad(entry.file, 52)} ${lpad(s.total, 5)} ${lpad(entry.total, 4)} ${lpad(s.killed, 6)} ${lpad(survived, 8)} ${lpad(`${s.percent.toFixed(0)}%`, 6)}`);
    byTarget.set(entry.target, [...(byTarget.get(entry.target) ?? []), ...entry.mutants]);
  }
  out.push('');
  const all = [...byTarget.values()].flat();
  for (const [target, mutants] of byTarget) {
    const s = score(mutants);
    out.push(`score ${pad(target, 9)} ${s.killed}/${s.total} killed = ${s.percent.toFixed(1)}%`);
  }
  const overall = score(all);
  out.push(`score overall   ${overall.killed}/${overall.total} killed = ${overall.percent.toFixed(1)}%`);
  const timeouts = all.filter((m) => m.status === 'timeout').length;
  if (timeouts) out.push(`(${timeouts} of the killed ones by a test running past its timeout)`);

  const survivors = all.filter((m) => !KILLED.has(m.status));
  out.push('', `Surviving mutants (${survivors.length}):`);
  for (const m of survivors) {
    const why = m.status === 'no-test' ? '  [no unit test loads this file]' : '';
    out.push(`  ${m.file}:${m.line}  ${m.operator}  ${m.before}  ->  ${m.after}${why}`, `      ${m.code}`);
  }

  const planted = plan.flatMap((e) => e.planted);
  let plantedMissed = 0;
  out.push('', 'Planted bugs (issue 17):');
  for (const p of planted) {
    const caught = KILLED.has(p.status);
    if (!caught) plantedMissed++;
    const verdict = caught ? 'caught' : p.status === 'not-found' ? 'NOT FOUND (the code changed: update scripts/mutation/planted.mjs)' : 'MISSED';
    out.push(`  ${verdict.padEnd(7)} ${p.file}${p.line ? `:${p.line}` : ''}  ${p.what}`);
  }
  if (excludedTests.length) {
    out.push('', 'Test files left out (they fail on the unmutated code, so they cannot judge a mutant):');
    for (const t of excludedTests) out.push(`  ${t}`);
  }
  out.push('', 'Files not mutated:');
  for (const [file, why] of Object.entries(excludedFiles)) out.push(`  ${file}: ${why}`);
  console.log(out.join('\n'));
  return {
    perFile,
    seed,
    seconds,
    overall,
    byTarget: Object.fromEntries([...byTarget].map(([t, m]) => [t, score(m)])),
    survivors: survivors.map(({ file, line, operator, before, after, status, code }) => ({ file, line, operator, before, after, status, code })),
    planted: planted.map(({ file, line, what, status }) => ({ file, line, what, status })),
    plantedMissed,
  };
}
