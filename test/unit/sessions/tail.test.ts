import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claudeCodeAdapter } from '../../../src/core/sessions/adapters/claudeCode';
import { continueAdapter } from '../../../src/core/sessions/adapters/continueDev';
import { SessionFileReader } from '../../../src/core/sessions/reader';
import { FileTail } from '../../../src/core/sessions/tail';
import { fixtures } from './helpers';

const dir = mkdtempSync(join(tmpdir(), 'el-tail-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = (name = 'f.jsonl') => join(dir, `${n++}-${name}`);

async function lines(tail: FileTail): Promise<[string[], Awaited<ReturnType<FileTail['read']>>]> {
  const out: string[] = [];
  const result = await tail.read((t, i) => out.push(`${i}:${t}`));
  return [out, result];
}

describe('FileTail', () => {
  test('reads from the last offset and holds a partial last line until it is complete', async () => {
    const path = fresh();
    writeFileSync(path, 'one\ntw');
    const tail = new FileTail(path);
    assert.deepEqual((await lines(tail))[0], ['1:one']);
    appendFileSync(path, 'o\r\nthree\n');
    const [got, result] = await lines(tail);
    assert.deepEqual(got, ['2:two', '3:three']);
    assert.equal(result.bytes, 9);
    assert.equal(tail.offset, 15);
    assert.deepEqual((await lines(tail))[0], [], 'nothing new, nothing read');
  });

  test('a multi-byte character split across reads is decoded whole', async () => {
    const path = fresh();
    const bytes = Buffer.from('héllo ✓\n', 'utf8');
    writeFileSync(path, bytes.subarray(0, 2));
    const tail = new FileTail(path, { chunkBytes: 3 });
    await lines(tail);
    appendFileSync(path, bytes.subarray(2));
    assert.deepEqual((await lines(tail))[0], ['1:héllo ✓']);
  });

  test('truncation and rotation restart from the first line', async () => {
    const path = fresh();
    writeFileSync(path, 'a\nb\nc\n');
    const tail = new FileTail(path);
    await lines(tail);
    truncateSync(path, 0);
    appendFileSync(path, 'x\n');
    let [got, result] = await lines(tail);
    assert.equal(result.reset, true);
    assert.deepEqual(got, ['1:x']);
    const other = `${path}.new`;
    writeFileSync(other, 'rotated\nfile\n');
    renameSync(other, path);
    [got, result] = await lines(tail);
    assert.equal(result.reset, true);
    assert.deepEqual(got, ['1:rotated', '2:file']);
  });

  test('a deleted file is reported gone', async () => {
    const path = fresh();
    writeFileSync(path, 'a\n');
    const tail = new FileTail(path);
    await lines(tail);
    unlinkSync(path);
    assert.equal((await lines(tail))[1].gone, true);
  });

  test('UTF-16 files (with a BOM) are decoded', async () => {
    const path = fresh();
    writeFileSync(path, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}\n{"b":"ü"}\n', 'utf16le')]));
    assert.deepEqual((await lines(new FileTail(path)))[0], ['1:{"a":1}', '2:{"b":"ü"}']);
  });

  test('a line over the limit is skipped and counted, the next one still read', async () => {
    const path = fresh();
    writeFileSync(path, `${'x'.repeat(5000)}\nok\n`);
    const tail = new FileTail(path, { maxLineChars: 1000, chunkBytes: 512 });
    const [got, result] = await lines(tail);
    assert.deepEqual(got, ['2:ok']);
    assert.equal(result.overlong, 1);
  });
});

const claudeLine = (i: number, extra = '') =>
  JSON.stringify({
    type: 'assistant',
    sessionId: 's1',
    uuid: `u${i}`,
    timestamp: '2026-04-02T09:00:00.000Z',
    message: { id: `m${i}`, role: 'assistant', content: [{ type: 'text', text: `reply ${i}${extra}` }], stop_reason: 'end_turn' },
  }) + '\n';

describe('SessionFileReader', () => {
  test('hands out each new event once as an append-only file grows', async () => {
    const path = fresh('s.jsonl');
    writeFileSync(path, claudeLine(1));
    const reader = new SessionFileReader(path, claudeCodeAdapter);
    assert.deepEqual((await reader.update()).events.map((e) => e.event.id), ['m1']);
    assert.deepEqual((await reader.update()).events, []);
    appendFileSync(path, claudeLine(2) + claudeLine(3).slice(0, 20));
    assert.deepEqual((await reader.update()).events.map((e) => e.event.id), ['m2'], 'the half-written line waits');
    appendFileSync(path, claudeLine(3).slice(20));
    assert.deepEqual((await reader.update()).events.map((e) => e.event.id), ['m3']);
  });

  test('after a rewrite of the file, events already handed out are not repeated', async () => {
    const path = fresh('s.jsonl');
    writeFileSync(path, claudeLine(1) + claudeLine(2));
    const reader = new SessionFileReader(path, claudeCodeAdapter);
    await reader.update();
    const tmp = `${path}.tmp`;
    writeFileSync(tmp, claudeLine(1) + claudeLine(2) + claudeLine(3));
    renameSync(tmp, path);
    const update = await reader.update();
    assert.equal(update.reset, true);
    assert.deepEqual(update.events.map((e) => e.event.id), ['m3']);
  });

  test('a deleted source ends its sessions', async () => {
    const path = fresh('s.jsonl');
    writeFileSync(path, claudeLine(1));
    const reader = new SessionFileReader(path, claudeCodeAdapter);
    await reader.update();
    unlinkSync(path);
    const update = await reader.update();
    assert.equal(update.ended, true);
    assert.equal(reader.sessions().length, 1, 'what was read is kept');
  });

  test('a rewritten document is diffed by message id', async () => {
    const folder = join(dir, `${n++}`, '.continue', 'sessions');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'abc.json');
    const source = JSON.parse(readFileSync(join(fixtures, 'continue/.continue/sessions/9d9d9d9d-1111-4222-8333-00000000c0n1.json'), 'utf8'));
    const firstTwo = { ...source, history: source.history.slice(0, 2) };
    writeFileSync(path, JSON.stringify(firstTwo, null, 2));
    const reader = new SessionFileReader(path, continueAdapter);
    const first = await reader.update();
    assert.deepEqual(first.events.map((e) => e.event.kind), ['user', 'completion', 'tool-run']);
    assert.deepEqual((await reader.update()).events, [], 'unchanged file: not even parsed again');
    writeFileSync(path, JSON.stringify(source, null, 2));
    const second = await reader.update();
    assert.deepEqual(second.events.map((e) => `${e.event.kind}:${e.event.id}`), ['completion:a2', 'file-edit:k2']);
  });
});
