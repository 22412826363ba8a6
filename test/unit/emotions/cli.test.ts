import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

function cli(args: string[], input = '') {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('score: one JSON object per input line, JSON or plain text; other JSON is skipped and counted', () => {
  const input = [
    JSON.stringify({ text: 'I have tried everything and nothing works. I need this test to pass somehow, right now, whatever it takes.' }),
    'The function returns a list of ids.',
    '{"not_text": 1}',
    '',
  ].join('\n');
  const r = cli(['score', '--json'], input);
  assert.equal(r.code, 0, r.stderr);
  const rows = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(rows.length, 2);
  for (const row of rows) {
    assert.equal(Object.keys(row.scores).length, 171);
    assert.equal(row.top.length, 5);
    assert.ok(row.tokens > 0);
  }
  assert.ok(rows[0].scores.desperate > rows[1].scores.desperate + 2, 'the pressured line reads more desperate than the neutral one');
  assert.match(r.stderr, /line 3: a JSON value without a string "text" field, skipped/);
});

test('score --emotions limits the readings; an unknown emotion is a usage error', () => {
  const r = cli(['score', '--json', '--emotions', 'desperate,calm'], 'Running the tests now.\n');
  assert.deepEqual(Object.keys(JSON.parse(r.stdout).scores), ['desperate', 'calm']);
  const bad = cli(['score', '--emotions', 'desparate'], 'x\n');
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown emotion: desparate/);
});

test('score --input names a file; a missing one is a clear error', () => {
  const r = cli(['score', '--input', 'no/such/file.jsonl']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /cannot read --input no\/such\/file\.jsonl/);
});

test('vectors --json: metadata, every vector and the PCA coordinates', () => {
  const r = cli(['vectors', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout);
  assert.equal(v.emotions.length, 171);
  assert.equal(Object.keys(v.vectors).length, 171);
  assert.equal(v.vectors.desperate.length, v.dims);
  assert.equal(Object.keys(v.pca.coordinates).length, 171);
  assert.match(v.choice.reason, /^kept /);
  assert.equal(v.choice.candidates.length, 8);
  assert.equal(v.version, 2);
  assert.ok(v.lengthLaw.minReadableTokens >= 3);
  assert.equal(typeof v.neutral.desperate.lengthLaw.d, 'number');
});

test('validate --json: held-out accuracy above chance, geometry, clusters and the norms fit', () => {
  const csv = ',Word,V.Mean.Sum,A.Mean.Sum\n1,calm,6.89,1.67\n2,desperate,2.59,5.9\n3,happy,8.47,6.05\n4,sad,2.1,3.49\n5,furious,2.3,7.1\n';
  const path = `${process.env.TMPDIR ?? '/tmp'}/el-norms-${process.pid}.csv`;
  writeFileSync(path, csv);
  const r = cli(['validate', '--json', '--norms', path]);
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout);
  assert.equal(v.heldout.stories.texts, 342);
  assert.ok(v.heldout.stories.top5 > 3 * v.chance.top5, `story top-5 ${v.heldout.stories.top5}`);
  assert.equal(v.clusters.length, 10);
  assert.equal(v.norms.wordsCovered, 5);
  assert.ok(v.pca.pc1 > v.pca.pc2);
});

test('validate --short FILE: how short neutral status lines read, the share beyond |z| 2 on a default emotion', () => {
  const r = cli(['validate', '--short', 'test/signal/short-status-lines.txt', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const v = JSON.parse(r.stdout);
  assert.ok(v.lines >= 200, `${v.lines} lines`);
  assert.deepEqual(v.emotions, ['desperate', 'calm', 'frustrated', 'afraid', 'hopeful']);
  assert.equal(v.extreme.length, Math.round(v.extremeShare * v.lines));
  // Before length-aware readings, 32 of 40 such lines (80%) read beyond |z| 2.
  assert.ok(v.extremeShare <= 0.25, `${(100 * v.extremeShare).toFixed(1)}% of lines read beyond |z| 2`);
  for (const e of v.emotions) assert.ok(Math.abs(v.perEmotion[e].meanZ) < 0.75, `${e} reads ${v.perEmotion[e].meanZ} on average`);
  const missing = cli(['validate', '--short', 'no/such/lines.txt']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /cannot read --short no\/such\/lines\.txt/);
});

test('score marks a line too short to read, and says why', () => {
  const r = cli(['score', '--json'], 'Done.\nI renamed the helper and updated the three call sites in the router.\nテストがまた失敗しました。\n');
  const [short, long, japanese] = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(japanese.readable, false);
  assert.match(japanese.unreadable, /not English/);
  assert.equal(short.readable, false);
  assert.match(short.unreadable, /too short to read/);
  assert.equal(long.readable, true);
});

test('scan --pooling chooses how sentence readings are pooled, keeps the all-token mean, and refuses an unknown pooling', () => {
  const r = cli(['scan', 'media/samples/desperate-loop.jsonl', '--json', '--pooling', 'max']);
  assert.equal(r.code, 0, r.stderr);
  const completions = JSON.parse(r.stdout).sessions[0].completions;
  assert.ok(completions.every((c: { pooling: string }) => c.pooling === 'max'));
  const long = completions.find((c: { readable: boolean; meanScores?: Record<string, number> }) => c.readable && c.meanScores);
  assert.ok(long, 'a readable completion carries its all-token mean beside the pooled reading');
  assert.equal(Object.keys(long.meanScores).length, 171);
  const bad = cli(['scan', 'media/samples/desperate-loop.jsonl', '--pooling', 'median']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /unknown pooling 'median'/);
});
