import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ScorerProvider, type OpenedScorer, type ScorerSources } from '../../../src/core/analysis/scorerProvider';
import type { CompletionScorer } from '../../../src/core/analysis/scoring';

/** A scorer as the provider sees it: an identity with a label (it never reads with it). */
function named(label: string): CompletionScorer {
  return { emotions: [], model: { id: label, label }, vectors: undefined as never, openSession: () => assert.fail('not read here') };
}

/** The provider's sources, answering as the settings and the disk would, and noting what it was told. */
function sources(local: string | undefined, opens: { local?: Error; embedded?: Error; slow?: Promise<void> }) {
  const told: string[] = [];
  const opened = (label: string, error?: Error) => async (): Promise<OpenedScorer> => {
    told.push(`open ${label}`);
    // A model that takes a while to load (the embedded one takes a second or more).
    await opens.slow;
    if (error) throw error;
    return { scorer: named(label), dispose: () => void told.push(`dispose ${label}`) };
  };
  const s: ScorerSources & { told: string[]; dir?: string } = {
    told,
    dir: local,
    localDir: () => s.dir,
    openLocal: (dir) => opened(`local ${dir}`, opens.local)(),
    openEmbedded: () => opened('embedded', opens.embedded)(),
    localFailed: (dir, error) => void told.push(`explain ${dir}: ${(error as Error).message}`),
    embeddedFailed: (message) => void told.push(`failed: ${message}`),
    changed: (scorer) => void told.push(`changed to ${scorer?.model.label ?? 'none'}`),
  };
  return s;
}

test('the model the settings name reads; it is opened once and the change is told once', async () => {
  const s = sources('/m/qwen', {});
  const provider = new ScorerProvider(s);
  assert.equal(provider.current(), undefined, 'nothing is opened before the first reading');
  assert.equal((await provider.open()).model.label, 'local /m/qwen');
  assert.equal(await provider.open(), provider.current());
  assert.deepEqual(s.told, ['open local /m/qwen', 'changed to local /m/qwen']);
});

test('a local model that cannot be used is explained once and the embedded one reads instead', async () => {
  const s = sources('/m/broken', { local: new Error('not calibrated') });
  const provider = new ScorerProvider(s);
  assert.equal((await provider.open()).model.label, 'embedded');
  await provider.open();
  assert.deepEqual(s.told, ['open local /m/broken', 'explain /m/broken: not calibrated', 'open embedded', 'changed to embedded']);
});

test('close() drops the model: the next reading opens what the settings name then', async () => {
  const s = sources(undefined, {});
  const provider = new ScorerProvider(s);
  await provider.open();
  s.dir = '/m/qwen';
  provider.close();
  assert.equal(provider.current(), undefined);
  assert.equal((await provider.open()).model.label, 'local /m/qwen');
  provider.dispose();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(s.told, ['open embedded', 'changed to embedded', 'changed to none', 'open local /m/qwen', 'changed to local /m/qwen', 'changed to none', 'dispose local /m/qwen', 'dispose embedded']);
});

test('an embedded model that fails to open is reported and tried again on the next reading', async () => {
  const s = sources(undefined, { embedded: new Error('no model files') });
  const provider = new ScorerProvider(s);
  await assert.rejects(provider.open(), /no model files/);
  await assert.rejects(provider.open(), /no model files/);
  assert.deepEqual(s.told, ['open embedded', 'failed: no model files', 'open embedded', 'failed: no model files']);
});

/** A load the test lets finish when it chooses, as a busy machine would. */
function held(): { promise: Promise<void>; release(): void } {
  let release = () => undefined as void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

test('a model path set while the first reading is still opening the embedded model: that reading opens the named one and tells why it cannot', async () => {
  const load = held();
  const s = sources(undefined, { local: new Error('not calibrated'), slow: load.promise });
  const provider = new ScorerProvider(s);
  const firstReading = provider.open();
  await new Promise((r) => setImmediate(r));
  // The settings arrive: the editor names the folder and drops the model, as on any settings change.
  s.dir = '/m/tiny';
  provider.close();
  load.release();
  assert.equal((await firstReading).model.label, 'embedded');
  assert.deepEqual(s.told, ['open embedded', 'open local /m/tiny', 'explain /m/tiny: not calibrated', 'changed to embedded']);
});

test('a local model that finishes opening after the settings moved on is not read with, and is freed', async () => {
  const load = held();
  const s = sources('/m/old', { slow: load.promise });
  const provider = new ScorerProvider(s);
  const reading = provider.open();
  await new Promise((r) => setImmediate(r));
  s.dir = undefined;
  provider.close();
  load.release();
  assert.equal((await reading).model.label, 'embedded');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(s.told, ['open local /m/old', 'dispose local /m/old', 'open embedded', 'changed to embedded']);
});

test('a local model that fails after the settings moved on is not told: its warning would name a model no longer chosen', async () => {
  const load = held();
  const s = sources('/m/old', { local: new Error('not calibrated'), slow: load.promise });
  const provider = new ScorerProvider(s);
  const reading = provider.open();
  await new Promise((r) => setImmediate(r));
  s.dir = '/m/new';
  provider.close();
  load.release();
  assert.equal((await reading).model.label, 'embedded');
  assert.deepEqual(s.told, ['open local /m/old', 'open local /m/new', 'explain /m/new: not calibrated', 'open embedded', 'changed to embedded']);
});
