/** Every assistant read is named, has its badge for the Sessions view, and can be turned off in settings. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASSISTANT_NAMES } from '../../../src/core/sessions/model';
import { ADAPTERS } from '../../../src/core/sessions/registry';
import { ASSISTANT_IDS } from '../../../src/shared/assistants';
import { repoRoot } from './helpers';

test('each adapter reads a named assistant with a badge in media/assistants, listed in the settings', () => {
  const ids = Object.keys(ASSISTANT_NAMES).sort();
  assert.deepEqual([...ASSISTANT_IDS].sort(), ids);
  for (const adapter of ADAPTERS) assert.ok(ids.includes(adapter.assistant), adapter.assistant);
  for (const id of ids) {
    const badge = join(repoRoot, 'media', 'assistants', `${id}.svg`);
    assert.ok(existsSync(badge), `no badge for ${id}`);
    assert.match(readFileSync(badge, 'utf8'), /^<svg [^>]*viewBox="0 0 16 16"/);
  }
  for (const id of ['cursor', 'kilo-code', 'copilot-cli', 'goose', 'factory-droid', 'pi', 'openclaw', 'qwen-code', 'amp', 'kimi', 'kimi-code']) assert.ok(ADAPTERS.some((a) => a.assistant === id), `${id} is read`);
});
