import { test, describe, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { downloadFile } from '../../../src/core/download/downloadFile';
import { DownloadError } from '../../../src/core/download/downloadError';
import { checkRedirect } from '../../../src/core/download/httpGet';
import { TestServer, closedPort, makeBytes, sha256 } from './testServer';

const SIZE = 1024 * 1024;
const bytes = makeBytes(SIZE);
const hash = sha256(bytes);

let server: TestServer;
let dir: string;

before(async () => {
  server = await new TestServer().start();
});
after(async () => {
  await server.close();
});
beforeEach(async () => {
  server.files.clear();
  server.redirects.clear();
  server.statuses.clear();
  server.served.length = 0;
  server.honourRange = true;
  server.cutAfterBytes = undefined;
  server.stallAfterBytes = undefined;
  server.chunkSize = 64 * 1024;
  server.chunkDelayMs = 0;
  server.files.set('/model.onnx', bytes);
  dir = await mkdtemp(join(tmpdir(), 'el-download-'));
});

async function expectDownloadError(promise: Promise<unknown>): Promise<DownloadError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof DownloadError, `expected a DownloadError, got ${String(err)}`);
    return err;
  }
  assert.fail('the download should have failed');
}

async function partSize(dest: string): Promise<number> {
  return (await stat(`${dest}.part`)).size;
}

describe('downloadFile', () => {
  test('downloads the whole file, verified, with progress rising to the total', async () => {
    const dest = join(dir, 'model.onnx');
    const seen: [number, number][] = [];
    const result = await downloadFile({
      url: server.url('/model.onnx'),
      dest,
      expectedSha256: hash,
      expectedSize: SIZE,
      onProgress: (received, total) => seen.push([received, total]),
    });
    assert.deepEqual(await readFile(dest), bytes);
    assert.equal(existsSync(`${dest}.part`), false);
    assert.deepEqual(await readdir(dir), ['model.onnx']);
    assert.equal(result.sha256, hash);
    assert.equal(result.transferred, SIZE);
    assert.ok(seen.length > 2);
    for (let i = 1; i < seen.length; i++) assert.ok(seen[i]![0] >= seen[i - 1]![0], 'progress never goes back');
    assert.deepEqual(seen.at(-1), [SIZE, SIZE]);
    assert.ok(seen.every(([, total]) => total === SIZE));
  });

  test('creates the destination folder when it does not exist', async () => {
    const dest = join(dir, 'a', 'b', 'model.onnx');
    await downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE });
    assert.deepEqual(await readFile(dest), bytes);
  });

  test('cancelled midway keeps the part; the next attempt fetches only the rest', async () => {
    server.chunkSize = 16 * 1024;
    server.chunkDelayMs = 2;
    const dest = join(dir, 'model.onnx');
    const controller = new AbortController();
    await assert.rejects(
      downloadFile({
        url: server.url('/model.onnx'),
        dest,
        expectedSha256: hash,
        expectedSize: SIZE,
        signal: controller.signal,
        onProgress: (received) => {
          if (received >= SIZE / 4) controller.abort();
        },
      }),
      (err: Error) => err.name === 'AbortError' && /cancelled/.test(err.message),
    );
    assert.equal(existsSync(dest), false, 'nothing is put in place');
    const kept = await partSize(dest);
    assert.ok(kept >= SIZE / 4 && kept < SIZE, `part holds ${kept} bytes`); // every byte counted before the cancel is on disk

    server.chunkDelayMs = 0;
    const result = await downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE });
    assert.deepEqual(await readFile(dest), bytes);
    const second = server.served.at(-1)!;
    assert.equal(second.range, `bytes=${kept}-`);
    assert.equal(second.status, 206);
    assert.equal(second.sent, SIZE - kept, 'only the missing bytes crossed the network');
    assert.equal(result.resumedFrom, kept);
    assert.equal(result.transferred, SIZE - kept);
  });

  test('a server that ignores Range sends the whole file again and the result is still right', async () => {
    const dest = join(dir, 'model.onnx');
    // A part that is NOT a prefix of the file: appending to it would give a wrong file.
    await writeFile(`${dest}.part`, makeBytes(100_000));
    server.honourRange = false;
    const result = await downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE });
    assert.deepEqual(await readFile(dest), bytes);
    const served = server.served.at(-1)!;
    assert.equal(served.range, 'bytes=100000-');
    assert.equal(served.status, 200);
    assert.equal(served.sent, SIZE);
    assert.equal(result.transferred, SIZE);
  });

  test('a connection cut midway fails clearly, then the next attempt resumes and completes', async () => {
    const dest = join(dir, 'model.onnx');
    server.cutAfterBytes = SIZE / 2;
    const err = await expectDownloadError(
      downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE }),
    );
    assert.equal(err.kind, 'interrupted');
    assert.match(err.message, /connection to 127\.0\.0\.1 dropped after .* of model\.onnx; try again \(the download resumes/);
    assert.equal(existsSync(dest), false);
    const kept = await partSize(dest);
    assert.ok(kept > 0 && kept <= SIZE / 2, `part holds ${kept} bytes`);

    server.cutAfterBytes = undefined;
    await downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE });
    assert.deepEqual(await readFile(dest), bytes);
    assert.equal(server.served.at(-1)!.sent, SIZE - kept);
  });

  test('wrong bytes: hash mismatch error naming the file and both hashes, and nothing left behind', async () => {
    const other = makeBytes(SIZE);
    server.files.set('/model.onnx', other);
    const dest = join(dir, 'model.onnx');
    const err = await expectDownloadError(
      downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE }),
    );
    assert.equal(err.kind, 'integrity');
    assert.match(err.message, /model\.onnx/);
    assert.ok(err.message.includes(`its SHA-256 is ${sha256(other)}, expected ${hash}`), err.message);
    assert.match(err.message, /the download was deleted\. Try again/);
    assert.deepEqual(await readdir(dir), []);
  });

  test('more bytes than the expected size stop the download and delete the part', async () => {
    const dest = join(dir, 'model.onnx');
    const err = await expectDownloadError(
      downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: sha256(bytes.subarray(0, 1000)), expectedSize: 1000 }),
    );
    assert.equal(err.kind, 'integrity');
    assert.match(err.message, /sent more than the 1000 bytes expected for model\.onnx/);
    assert.deepEqual(await readdir(dir), []);
  });

  test('a part that already holds the whole file is verified after the server answers 416', async () => {
    const dest = join(dir, 'model.onnx');
    await writeFile(`${dest}.part`, bytes);
    // Size not given: the downloader cannot know the part is complete until the server says so.
    const result = await downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash });
    assert.equal(server.served.at(-1)!.status, 416);
    assert.equal(result.transferred, 0);
    assert.deepEqual(await readFile(dest), bytes);
    assert.equal(existsSync(`${dest}.part`), false);
  });

  test('404 names the status and the URL', async () => {
    const url = server.url('/missing.onnx');
    const err = await expectDownloadError(downloadFile({ url, dest: join(dir, 'missing.onnx'), expectedSha256: hash }));
    assert.equal(err.kind, 'http');
    assert.equal(err.status, 404);
    assert.ok(err.message.includes(`HTTP 404 from ${url}`), err.message);
    assert.match(err.message, /not found/);
    assert.deepEqual(await readdir(dir), []);
  });

  test('403 and 500 say what they mean', async () => {
    server.statuses.set('/gated.onnx', 403);
    server.statuses.set('/broken.onnx', 500);
    const gated = await expectDownloadError(
      downloadFile({ url: server.url('/gated.onnx'), dest: join(dir, 'gated.onnx'), expectedSha256: hash }),
    );
    assert.match(gated.message, /HTTP 403 from .*gated\.onnx: the server refused access/);
    const broken = await expectDownloadError(
      downloadFile({ url: server.url('/broken.onnx'), dest: join(dir, 'broken.onnx'), expectedSha256: hash }),
    );
    assert.match(broken.message, /HTTP 500 from .*broken\.onnx: the server had an error; try again later/);
  });

  test('follows a redirect to another port on an allowed host', async () => {
    const cdn = await new TestServer().start();
    try {
      cdn.files.set('/blob/abc', bytes);
      server.redirects.set('/model.onnx', cdn.url('/blob/abc'));
      const dest = join(dir, 'model.onnx');
      await downloadFile({
        url: server.url('/model.onnx'),
        dest,
        expectedSha256: hash,
        expectedSize: SIZE,
        allowedHosts: ['127.0.0.1'],
      });
      assert.deepEqual(await readFile(dest), bytes);
      assert.equal(server.hits('/model.onnx'), 1);
      assert.equal(cdn.hits('/blob/abc'), 1);
    } finally {
      await cdn.close();
    }
  });

  test('a resumed download keeps its Range across a redirect', async () => {
    const cdn = await new TestServer().start();
    try {
      cdn.files.set('/blob/abc', bytes);
      server.redirects.set('/model.onnx', cdn.url('/blob/abc'));
      const dest = join(dir, 'model.onnx');
      await writeFile(`${dest}.part`, bytes.subarray(0, 300_000));
      await downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE });
      assert.deepEqual(await readFile(dest), bytes);
      assert.equal(cdn.served.at(-1)!.range, 'bytes=300000-');
      assert.equal(cdn.served.at(-1)!.sent, SIZE - 300_000);
    } finally {
      await cdn.close();
    }
  });

  test('refuses a redirect to a host that is not allowed', async () => {
    server.redirects.set('/model.onnx', `http://localhost:1/elsewhere`);
    const err = await expectDownloadError(
      downloadFile({
        url: server.url('/model.onnx'),
        dest: join(dir, 'model.onnx'),
        expectedSha256: hash,
        allowedHosts: ['127.0.0.1'],
      }),
    );
    assert.equal(err.kind, 'redirect');
    assert.match(err.message, /redirected to localhost, which is not a host the downloader trusts/);
    assert.deepEqual(await readdir(dir), []);
  });

  test('stops after five redirects', async () => {
    for (let i = 0; i < 7; i++) server.redirects.set(`/hop${i}`, server.url(`/hop${i + 1}`));
    const err = await expectDownloadError(
      downloadFile({ url: server.url('/hop0'), dest: join(dir, 'model.onnx'), expectedSha256: hash }),
    );
    assert.match(err.message, /more than 5 redirects/);
    assert.equal(server.served.length, 6, 'the first request and five redirects');
  });

  test('never follows a redirect from https down to http', () => {
    assert.throws(
      () => checkRedirect('https://huggingface.co/x/resolve/abc/model.onnx', 'http://cdn-lfs.hf.co/blob'),
      /from https to plain http .* stays encrypted/,
    );
    assert.equal(
      checkRedirect('https://huggingface.co/x/resolve/abc/model.onnx', 'https://cdn-lfs.hf.co/blob?sig=1', ['.hf.co']),
      'https://cdn-lfs.hf.co/blob?sig=1',
    );
    assert.equal(checkRedirect('https://huggingface.co/a/b', '/c/d'), 'https://huggingface.co/c/d');
  });

  test('a port nobody listens on gives the no-network message', async () => {
    const port = await closedPort();
    const err = await expectDownloadError(
      downloadFile({ url: `http://127.0.0.1:${port}/model.onnx`, dest: join(dir, 'model.onnx'), expectedSha256: hash }),
    );
    assert.equal(err.kind, 'network');
    assert.match(err.message, /^could not reach 127\.0\.0\.1; downloads need a network connection/);
  });

  test('a server that stops sending times out after the idle limit and keeps the part', async () => {
    server.stallAfterBytes = 200_000;
    const dest = join(dir, 'model.onnx');
    const started = Date.now();
    const err = await expectDownloadError(
      downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE, idleTimeoutMs: 300 }),
    );
    assert.ok(Date.now() - started < 5000);
    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /127\.0\.0\.1 sent no data for 0\.3 s while downloading model\.onnx/);
    assert.equal(await partSize(dest), 200_000);
  });

  test('a full disk gives a clear message and keeps what was downloaded', async () => {
    const dest = join(dir, 'model.onnx');
    // Writes to /dev/full fail with ENOSPC, as on a full disk.
    await symlink('/dev/full', `${dest}.part`);
    const err = await expectDownloadError(
      downloadFile({ url: server.url('/model.onnx'), dest, expectedSha256: hash, expectedSize: SIZE }),
    );
    assert.equal(err.kind, 'disk');
    assert.match(err.message, /could not write .*model\.onnx\.part: the disk is full \(ENOSPC\)\. Free some space/);
    assert.equal(existsSync(dest), false);
    await rm(`${dest}.part`);
  });
});
