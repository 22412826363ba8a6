import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findCatalogueEntry } from '../../../src/core/download/catalogue';
import { makeBytes, TestServer } from './testServer';

// `emotion-lens model download` as a user runs it, pointed with --endpoint at a
// server of the test's own on 127.0.0.1: nothing here reaches the network. The
// catalogue's files are real models' (hundreds of MB, pinned hashes), so what can
// be checked here is how a failing download is reported, not a complete one.
const ENTRY = 'smollm2-360m-instruct-int8';
const entry = findCatalogueEntry(ENTRY)!;
const graph = entry.files[0];
const root = mkdtempSync(join(tmpdir(), 'el-download-cli-'));
let server: TestServer;
before(async () => {
  server = await new TestServer().start();
});
after(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  // Asynchronous on purpose: the test's server must keep answering while the CLI runs.
  return new Promise((resolve) => {
    execFile(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const graphPath = `/${entry.repo}/resolve/${entry.revision}/${graph.path}`;

test('model catalogue lists the pinned models with their size and licence', async () => {
  const r = await cli(['model', 'catalogue']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^${ENTRY} +\\d+(\\.\\d)? MB +Apache-2.0 +${entry.repo}@${entry.revision.slice(0, 7)}$`, 'm'));
});

test('a file the server does not have: the status and the address, and nothing left behind', async () => {
  const to = join(root, 'missing');
  const r = await cli(['model', 'download', ENTRY, '--to', to, '--endpoint', server.origin]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /404/);
  assert.match(r.stderr, new RegExp(graph.path.replace(/[.]/g, '\\.')));
  assert.deepEqual(readdirSync(join(to, ENTRY)), [], 'no file and no partial file in the model folder');
});

test('a file that ends early is kept for a resume; one that is complete but the wrong size is deleted, with both sizes said', async () => {
  server.files.set(graphPath, makeBytes(1024));
  const to = join(root, 'short');
  const args = ['model', 'download', ENTRY, '--to', to, '--endpoint', server.origin];
  const first = await cli(args);
  assert.equal(first.code, 1);
  assert.match(first.stderr, /the server sent only 1\.0 kB of model_quantized\.onnx \(364\.6 MB expected\) before closing; try again \(the download resumes where it stopped\)/);
  assert.deepEqual(readdirSync(join(to, ENTRY)), ['model_quantized.onnx.part'], 'what arrived is kept for the next attempt');
  // The next attempt asks for the rest; the server has no more: the file is what it is, and wrong.
  const second = await cli(args);
  assert.equal(second.code, 1);
  assert.match(second.stderr, new RegExp(`is 1024 bytes, expected ${graph.size}; the download was deleted`));
  assert.match(second.stderr, /Try again; if this repeats, the file on the server has changed/);
  assert.deepEqual(readdirSync(join(to, ENTRY)), []);
  assert.match(server.served.at(-1)!.range ?? '', /^bytes=1024-/, 'the second attempt resumed from what it had');
});

test('no server at the address: says it could not be reached', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as { port: number }).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const r = await cli(['model', 'download', ENTRY, '--to', join(root, 'refused'), '--endpoint', `http://127.0.0.1:${port}`]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /could not reach 127\.0\.0\.1/);
});

test('an unknown model id is a usage error that lists the known ones', async () => {
  const r = await cli(['model', 'download', 'gpt-5']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, new RegExp(`no known model 'gpt-5'; known: .*${ENTRY}`));
});
