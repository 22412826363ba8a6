#!/usr/bin/env node
// `npm run mutation`: a sampled mutation check of src/core/monitor and
// src/core/sessions. For each source file a fixed, seeded sample of small
// changes (flipped comparison, off-by-one literal, negated condition, && <-> ||,
// dropped continue/break/early return, flipped boolean) is written into a copy
// of the repository, the unit tests of that folder that load the file are run,
// and the change counts as killed when one of them fails (or hangs past the
// timeout). The bugs a design review planted (planted.mjs) are always tried.
//
//   npm run mutation -- [--per-file N] [--seed S] [--only monitor|sessions]
//                       [--file PATH-PART] [--jobs J] [--json OUT]
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { applyMutant, generateMutants, sampleMutants } from './operators.mjs';
import { PLANTED } from './planted.mjs';
import { findTestFiles, reachMap } from './testSelection.mjs';
import { makeWorkspace, removeWorkspace, runTests, stopRunning, withMutation } from './workspace.mjs';
import { printReport } from './report.mjs';

const TARGETS = [
  { name: 'monitor', src: 'src/core/monitor', tests: 'test/unit/monitor' },
  { name: 'sessions', src: 'src/core/sessions', tests: 'test/unit/sessions' },
];
/** Files left out, with the reason printed in the report. */
const EXCLUDED = {
  'src/core/sessions/bench.ts': 'benchmark that prints timings; no behaviour to assert',
};

const { values: opts } = parseArgs({
  options: {
    'per-file': { type: 'string', default: '6' },
    seed: { type: 'string', default: '17' },
    only: { type: 'string' },
    file: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    json: { type: 'string' },
  },
});
const repo = resolve(import.meta.dirname, '..', '..');
const perFile = Number(opts['per-file']);
const seed = Number(opts.seed);
const jobs = Math.max(1, Number(opts.jobs));

function sourceFiles(dir) {
  const found = [];
  for (const entry of readdirSync(join(repo, dir)).sort()) {
    const rel = join(dir, entry);
    if (statSync(join(repo, rel)).isDirectory()) found.push(...sourceFiles(rel));
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) found.push(rel);
  }
  return found;
}

/**
 * Each test file alone on unmutated code (a file already failing cannot judge a
 * mutant), then the passing ones together in one process, as mutants run them:
 * that run must pass too, and its time sets the timeout.
 */
async function baseline(workspace, testFiles) {
  const timings = new Map();
  const failing = [];
  for (const test of testFiles) {
    const result = await runTests(workspace, [test], 180_000);
    if (result.outcome === 'pass') timings.set(test, result.ms);
    else failing.push(test);
  }
  const together = await runTests(workspace, [...timings.keys()], 300_000);
  if (together.outcome !== 'pass') throw new Error(`the test files pass alone but not loaded together:\n${together.output}`);
  return { timings, failing, togetherMs: together.ms };
}

/** Test files that killed mutants of this source file before go first, then the one named after it (watch.ts -> watch.test.ts), then the quickest. */
function orderTests(entry) {
  const stem = basename(entry.file, '.ts').toLowerCase();
  const named = (t) => (basename(t).toLowerCase().startsWith(stem) ? 0 : 1);
  const kills = (t) => entry.kills.get(t) ?? 0;
  return [...entry.tests].sort((a, b) => kills(b) - kills(a) || named(a) - named(b) || entry.timings.get(a) - entry.timings.get(b));
}

async function judge(workspace, mutant, entry) {
  if (entry.tests.length === 0) return { status: 'no-test' };
  const original = readFileSync(join(workspace, mutant.file), 'utf8');
  return withMutation(workspace, mutant.file, mutant.mutatedText ?? applyMutant(original, mutant), async () => {
    const tests = orderTests(entry);
    const result = await runTests(workspace, tests, Math.max(20_000, 3 * entry.togetherMs));
    if (result.outcome === 'pass') return { status: 'survived' };
    const by = failingFile(result.output, tests);
    if (by) entry.kills.set(by, (entry.kills.get(by) ?? 0) + 1);
    return { status: result.outcome === 'timeout' ? 'timeout' : 'killed', by };
  });
}

/** The test file whose test failed, from the stack or file name in the TAP output. */
function failingFile(output, tests) {
  const failure = output.slice(output.search(/^\s*not ok /m));
  return tests.find((t) => failure.includes(basename(t)));
}

/** Runs `work` over the items with one workspace per job. */
async function pool(workspaces, items, work) {
  let next = 0;
  await Promise.all(
    workspaces.map(async (ws) => {
      while (next < items.length) await work(ws, items[next++]);
    }),
  );
}

async function main() {
  const started = Date.now();
  const workspaces = Array.from({ length: jobs }, () => makeWorkspace(repo));
  const cleanUp = () => {
    stopRunning();
    for (const ws of workspaces) removeWorkspace(ws);
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      cleanUp();
      process.exit(130);
    });
  }
  try {
    const targets = TARGETS.filter((t) => !opts.only || t.name === opts.only);
    const plan = [];
    const excludedTests = [];
    for (const target of targets) {
      const testFiles = findTestFiles(join(repo, target.tests)).map((f) => relative(repo, f));
      process.stderr.write(`baseline: ${testFiles.length} test files in ${target.tests}\n`);
      const { timings, failing, togetherMs } = await baseline(workspaces[0], testFiles);
      excludedTests.push(...failing);
      const reach = reachMap(workspaces[0], [...timings.keys()]);
      for (const file of sourceFiles(target.src)) {
        if (EXCLUDED[file] || (opts.file && !file.includes(opts.file))) continue;
        const text = readFileSync(join(repo, file), 'utf8');
        const all = generateMutants(file, text);
        const tests = [...reach].filter(([, r]) => r.has(file)).map(([t]) => t);
        const sample = sampleMutants(all, perFile, seed, file).map((m) => ({ ...m, file }));
        const planted = PLANTED.filter((p) => p.file === file).map((p) => plantedMutant(p, text));
        plan.push({ target: target.name, file, total: all.length, tests, timings, togetherMs, kills: new Map(), mutants: sample, planted });
      }
    }
    const items = plan.flatMap((entry) => [...entry.mutants, ...entry.planted.filter((p) => p.mutatedText)].map((m) => ({ entry, m })));
    let done = 0;
    await pool(workspaces, items, async (ws, { entry, m }) => {
      Object.assign(m, await judge(ws, m, entry));
      done++;
      const label = m.planted ? `planted: ${m.what}` : `${m.before} -> ${m.after}`;
      process.stderr.write(`[${done}/${items.length}] ${m.file}:${m.line} ${label}: ${m.status}${m.by ? ` (${basename(m.by)})` : ''}\n`);
    });
    const summary = printReport({ plan, excludedTests, excludedFiles: EXCLUDED, perFile, seed, seconds: (Date.now() - started) / 1000 });
    if (opts.json) writeFileSync(opts.json, JSON.stringify(summary, null, 2));
    process.exitCode = summary.plantedMissed > 0 ? 1 : 0;
  } finally {
    cleanUp();
  }
}

function plantedMutant(p, text) {
  const at = text.indexOf(p.find);
  const unique = at !== -1 && text.indexOf(p.find, at + 1) === -1;
  if (!unique) return { ...p, planted: true, status: 'not-found', line: 0 };
  const line = text.slice(0, at).split('\n').length;
  return { ...p, planted: true, line, mutatedText: text.slice(0, at) + p.replace + text.slice(at + p.find.length) };
}

await main();
