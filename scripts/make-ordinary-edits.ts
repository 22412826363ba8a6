/**
 * Ordinary edits for the learned tamper reading: hunks of this project's own
 * history (src/ and test/unit/, TypeScript), written while building it and none
 * of them gaming a test. The labelled sets hold hacks and their honest
 * look-alikes only; without ordinary edits (an import, a signature, a constant
 * moved) a model reads every small change as a hack. Written once from a fixed
 * commit so the file, and the weights trained on it, can be reproduced.
 *
 *   npx tsx scripts/make-ordinary-edits.ts [--to COMMIT]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const ORDINARY_PATH = 'test/tamper-ordinary/edits.json';
const TO = process.argv.includes('--to') ? process.argv[process.argv.indexOf('--to') + 1] : '0e23ede';
const MAX_EDITS = 480;
const PER_COMMIT = 2;
const MAX_HUNK_LINES = 30;
/** Tamper fixtures hold hacks as strings: they are not ordinary edits. */
const LEFT_OUT = /^test\/unit\/monitor\/tamper|tamperLearnedWeights|\.json$/;

const git = (...args: string[]) => execFileSync('git', args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });

interface OrdinaryEdit {
  commit: string;
  path: string;
  oldString: string;
  newString: string;
}

function hunks(commit: string): OrdinaryEdit[] {
  const out: OrdinaryEdit[] = [];
  let path = '';
  let old: string[] = [];
  let now: string[] = [];
  const flush = () => {
    const changed = old.join('\n') !== now.join('\n');
    if (path && changed && !LEFT_OUT.test(path) && Math.max(old.length, now.length) <= MAX_HUNK_LINES) out.push({ commit, path, oldString: old.join('\n'), newString: now.join('\n') });
    [old, now] = [[], []];
  };
  for (const line of git('show', '--format=', '-U3', commit, '--', 'src/*.ts', 'test/unit/*.ts').split('\n')) {
    if (line.startsWith('diff --git')) {
      flush();
      path = '';
    } else if (line.startsWith('+++ ')) path = line.startsWith('+++ b/') ? line.slice(6) : '';
    else if (line.startsWith('@@')) flush();
    else if (line.startsWith('---') || line.startsWith('index ')) continue;
    else if (line.startsWith('+')) now.push(line.slice(1));
    else if (line.startsWith('-')) old.push(line.slice(1));
    else if (line.startsWith(' ')) {
      old.push(line.slice(1));
      now.push(line.slice(1));
    }
  }
  flush();
  return out;
}

const commits = git('log', '--format=%h', '--no-merges', '--reverse', TO, '--', 'src/*.ts', 'test/unit/*.ts').trim().split('\n');
const edits: OrdinaryEdit[] = [];
for (const commit of commits) {
  // The first hunks of each commit: many commits, a few hunks each, rather than a few large commits.
  edits.push(...hunks(commit).slice(0, PER_COMMIT));
}
// Spread over the whole history when there are more than kept.
const step = Math.max(1, edits.length / MAX_EDITS);
const kept = Array.from({ length: Math.min(MAX_EDITS, edits.length) }, (_, i) => edits[Math.floor(i * step)]);
mkdirSync(dirname(ORDINARY_PATH), { recursive: true });
writeFileSync(ORDINARY_PATH, JSON.stringify({ about: `hunks of this project's own history up to ${TO}, written by scripts/make-ordinary-edits.ts`, edits: kept }, null, 1) + '\n');
console.log(`wrote ${ORDINARY_PATH}: ${kept.length} edits from ${commits.length} commits`);
