import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  catalogue,
  entryBytes,
  findCatalogueEntry,
  localName,
  validateCatalogueEntry,
  type CatalogueEntry,
} from '../../../src/core/download/catalogue';

const good: CatalogueEntry = {
  id: 'example-lm',
  displayName: 'Example LM',
  repo: 'owner/example-lm',
  revision: 'a'.repeat(40),
  licence: 'MIT',
  parameters: 1_000_000,
  precision: 'int8',
  files: [
    { path: 'onnx/model_quantized.onnx', role: 'graph', size: 10, sha256: 'b'.repeat(64) },
    { path: 'config.json', role: 'config', size: 10, sha256: 'c'.repeat(64) },
    { path: 'tokenizer.json', role: 'tokenizer', size: 10, sha256: 'd'.repeat(64) },
    { path: 'tokenizer_config.json', role: 'tokenizer-config', size: 10, sha256: 'e'.repeat(64) },
  ],
};

function withFile(change: Partial<CatalogueEntry['files'][number]>, index = 0): CatalogueEntry {
  return { ...good, files: good.files.map((f, i) => (i === index ? { ...f, ...change } : f)) };
}

describe('model catalogue', () => {
  test('every shipped entry is well formed and offers a CPU-friendly graph under Apache-2.0 or MIT', () => {
    const entries = catalogue();
    assert.ok(entries.length >= 1, 'the catalogue lists at least one model');
    for (const entry of entries) {
      validateCatalogueEntry(entry);
      assert.match(entry.revision, /^[0-9a-f]{40}$/);
      assert.ok(['Apache-2.0', 'MIT'].includes(entry.licence));
      const graph = entry.files.find((f) => f.role === 'graph')!;
      assert.doesNotMatch(graph.path, /fp16|q4f16/);
      for (const f of entry.files) assert.match(f.sha256, /^[0-9a-f]{64}$/);
    }
    assert.equal(new Set(entries.map((e) => e.id)).size, entries.length);
  });

  test('shipped entries match the published facts they were taken from', () => {
    const qwen = findCatalogueEntry('qwen2.5-0.5b-instruct-int8')!;
    assert.equal(qwen.repo, 'onnx-community/Qwen2.5-0.5B-Instruct');
    assert.equal(qwen.revision, 'cc5cc01a65cc3ff17bdb73a7de33d879f62599b0');
    assert.equal(entryBytes(qwen), 512_096_557 + 678 + 242 + 7_031_673 + 7_306);
    const smol = findCatalogueEntry('smollm2-360m-instruct-int8')!;
    assert.equal(smol.files.find((f) => f.role === 'graph')!.size, 364_564_671);
    // The two Qwen2.5 repositories share one tokenizer: the same bytes, so the same hash and size.
    const big = findCatalogueEntry('qwen2.5-1.5b-instruct-q4')!;
    const tok = (e: CatalogueEntry) => e.files.find((f) => f.role === 'tokenizer')!;
    assert.deepEqual(tok(big), tok(qwen));
    assert.equal(findCatalogueEntry('no-such-model'), undefined);
  });

  test('files are saved flat under their base name', () => {
    assert.equal(localName(good.files[0]!), 'model_quantized.onnx');
    assert.equal(localName(good.files[1]!), 'config.json');
  });

  test('a malformed entry is refused with a message naming the entry and the problem', () => {
    assert.doesNotThrow(() => validateCatalogueEntry(good));
    const cases: [CatalogueEntry, RegExp][] = [
      [{ ...good, revision: 'main' }, /"example-lm": revision "main" is not a 40-hex commit/],
      [{ ...good, licence: 'GPL-3.0' as CatalogueEntry['licence'] }, /licence "GPL-3.0" is not Apache-2.0 or MIT/],
      [{ ...good, id: '../x' }, /the id must be/],
      [{ ...good, repo: 'no-slash' }, /repository "no-slash" is not "owner\/name"/],
      [withFile({ sha256: 'xyz' }), /onnx\/model_quantized\.onnx: sha256 must be 64 lower-case hex digits/],
      [withFile({ size: 1.5 }), /size must be a positive whole number/],
      [withFile({ path: '../../etc/passwd' }), /is not a plain relative path/],
      [withFile({ path: '/abs/model.onnx' }), /is not a plain relative path/],
      [withFile({ path: 'onnx/model_q4f16.onnx' }), /fp16 and q4f16 graphs are not offered/],
      [withFile({ path: 'other/config.json' }, 0), /two files would both be saved as config\.json/],
      [withFile({ path: 'download.json', role: 'config' }, 1), /may not be called download\.json/],
      [{ ...good, files: good.files.filter((f) => f.role !== 'tokenizer') }, /exactly one tokenizer file/],
      [{ ...good, files: good.files.filter((f) => f.role !== 'graph') }, /exactly one graph/],
      [
        { ...good, files: [...good.files, { path: 'onnx/weights.bin', role: 'graph-data', size: 5, sha256: 'f'.repeat(64) }] },
        /external data must sit beside its graph and be named after it/,
      ],
    ];
    for (const [entry, message] of cases) assert.throws(() => validateCatalogueEntry(entry), message);
  });
});
