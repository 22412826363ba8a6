import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

// The local-model path as a user runs it: the built CLI, a model folder made by
// `npm run make:tiny-lm`, and a cache folder of our own.
const root = mkdtempSync(join(tmpdir(), 'el-lm-cli-'));
const cache = join(root, 'cache');
const model = join(root, 'tiny-lm');
after(() => rmSync(root, { recursive: true, force: true }));

function make(dir: string, args: string[] = []): void {
  const r = spawnSync(process.execPath, ['--import', 'tsx', resolve('scripts/make-tiny-lm.ts'), dir, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

function cli(args: string[], input = '') {
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', input, env: { ...process.env, EMOTION_LENS_CACHE: cache } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every file's bytes and modification time: the model folder must never change. */
function snapshot(dir: string): string {
  return readdirSync(dir)
    .sort()
    .map((f) => `${f} ${statSync(join(dir, f)).mtimeMs} ${createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')}`)
    .join('\n');
}

before(() => make(model));

test('model add: finds the residual at two-thirds depth, cuts the graph there, and says calibration comes next', () => {
  const before = snapshot(model);
  const r = cli(['model', 'add', model]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /emotion-lens\/tiny-lm \(qwen2, 4 layers, hidden 64, 4 heads \/ 2 KV heads\)/);
  assert.match(r.stdout, /reads: emotion-lens\/tiny-lm · layer 2 of 4, tensor \/model\/layers\.1\/Add_1_output_0 \(found by optimum-name\)/);
  assert.match(r.stdout, /cut graph: \d+ of \d+ nodes kept, KV cache of 2 layers/);
  assert.match(r.stdout, new RegExp(`not calibrated yet: run \`emotion-lens calibrate --model ${model}\``));
  const json = JSON.parse(cli(['model', 'add', model, '--json']).stdout);
  assert.ok(json.derivedPath.startsWith(cache), 'the cut graph lives in our cache');
  assert.ok(json.nodes.kept < json.nodes.original);
  assert.equal(snapshot(model), before, 'the model folder is only read');
});

test('a local model without vectors is refused with the command that fixes it', () => {
  const r = cli(['scan', 'media/samples/desperate-loop.jsonl', '--model', model]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /has no emotion vectors on this machine yet/);
  assert.match(r.stderr, /emotion-lens calibrate --model/);
});

test('calibrate --model builds the 171 vectors on this machine, stores them by the model hash, and measures them as validate does', () => {
  const r = cli(['calibrate', '--model', model, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const sha = JSON.parse(cli(['model', 'add', model, '--json']).stdout).folder.sha256 as string;
  assert.equal(out.vectors, join(cache, 'vectors', `${sha.slice(0, 16)}-L1.elvec`));
  assert.ok(existsSync(out.vectors));
  assert.equal(out.layer, 1);
  assert.equal(out.validation.heldout.stories.texts, 342);
  assert.equal(out.validation.heldout.assistant.texts, 350);
  assert.equal(out.validation.desperateInTop5.passages, 6);
  assert.equal(out.validation.clusters.flat().length, 171);
  assert.match(out.validation.model.label, /tiny-lm · layer 2 of 4/);
  assert.match(r.stderr, /calibrate: read 3855\/3855 texts/);
  // calibrate reports from the held-out readings it made while choosing its recipe;
  // validate reads those texts again: the figures must agree.
  const validate = cli(['validate', '--model', model, '--json']);
  assert.equal(validate.code, 0, validate.stderr);
  const v = JSON.parse(validate.stdout);
  assert.deepEqual(v.heldout, out.validation.heldout);
  assert.deepEqual(v.desperateInTop5, out.validation.desperateInTop5);
});

test('scan and score --model read with the local model and say so', () => {
  const scan = cli(['scan', 'media/samples/desperate-loop.jsonl', '--model', model, '--json']);
  assert.equal(scan.code, 0, scan.stderr);
  const doc = JSON.parse(scan.stdout);
  assert.match(doc.model.label, /emotion-lens\/tiny-lm · layer 2 of 4/);
  assert.equal(doc.sessions[0].completions.length, 7);
  for (const c of doc.sessions[0].completions) assert.equal(Object.keys(c.scores).length, 171);
  const table = cli(['scan', 'media/samples/desperate-loop.jsonl', '--model', model]);
  assert.match(table.stdout, /Read with emotion-lens\/tiny-lm · layer 2 of 4\./);
  const score = cli(['score', '--json', '--model', model], 'I have tried everything and the tests still fail.\n');
  assert.equal(score.code, 0, score.stderr);
  assert.ok(JSON.parse(score.stdout).tokens > 5);
  const embedded = cli(['scan', 'media/samples/desperate-loop.jsonl']);
  assert.match(embedded.stdout, /Read with embedded USE-lite\./, 'without --model the embedded model reads, as before');
});

test('bad model folders: each is refused with the problem and the fix, and nothing is written into them', () => {
  const cases: Array<{ name: string; prepare(dir: string): void; expect: RegExp[] }> = [
    { name: 'no tokenizer', prepare: (dir) => rmSync(join(dir, 'tokenizer.json')), expect: [/tokenizer\.json/, /copy/i] },
    { name: 'fp16', prepare: (dir) => { rmSync(dir, { recursive: true }); make(dir, ['--dtype', 'fp16']); }, expect: [/fp16/, /int8|fp32/] },
    { name: 'merged', prepare: (dir) => { rmSync(dir, { recursive: true }); make(dir, ['--layout', 'merged']); }, expect: [/merged|If/, /optimum-cli export onnx/] },
    {
      name: 'truncated data',
      prepare: (dir) => {
        rmSync(dir, { recursive: true });
        make(dir, ['--external-data']);
        truncateSync(join(dir, 'model.onnx_data'), statSync(join(dir, 'model.onnx_data')).size - 1000);
      },
      expect: [/model\.onnx_data/, /bytes/],
    },
  ];
  for (const c of cases) {
    const dir = join(root, c.name.replace(/\s/g, '-'));
    cpSync(model, dir, { recursive: true });
    c.prepare(dir);
    const before = snapshot(dir);
    const r = cli(['model', 'add', dir]);
    assert.equal(r.code, 1, `${c.name}: ${r.stdout}`);
    for (const pattern of c.expect) assert.match(r.stderr, pattern, c.name);
    assert.equal(snapshot(dir), before, `${c.name}: the folder is untouched`);
  }
});
