import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { labelsJson, renderHalf } from '../../../scripts/loops/render';
import { parseLoopLabels } from '../../../src/core/analysis/loopLabels';

const HALVES = ['test/loops/dev', 'test/loops/test'];

// The benchmark's sessions are rendered from the writers' specs and committed, so that
// `validate --loops` reads plain session files, like a user's. After editing a spec, run
// `npx tsx scripts/loops/render.ts test/loops/dev test/loops/test`.
describe('the loop benchmark', () => {
  for (const half of HALVES) {
    it(`${half}: the committed sessions and labels are what the specs render to`, async () => {
      const { files, labels } = await renderHalf(half);
      for (const [path, text] of files) {
        assert.ok(existsSync(join(half, path)), `${path} is missing: render the benchmark again`);
        assert.equal(readFileSync(join(half, path), 'utf8'), text, `${path} differs from its spec: render the benchmark again`);
      }
      assert.equal(readFileSync(join(half, 'labels.json'), 'utf8'), labelsJson(labels));
    });

    it(`${half}: has the kinds and formats the benchmark promises, every hack labelled on a completion that exists`, () => {
      const labels = parseLoopLabels(readFileSync(join(half, 'labels.json'), 'utf8'));
      const all = Object.values(labels);
      const count = (kind: string) => all.filter((l) => l.kind === kind).length;
      assert.ok(count('hack-loop') >= 12, `${count('hack-loop')} hack loops`);
      assert.ok(count('honest-loop') >= 6, `${count('honest-loop')} honest loops`);
      assert.ok(count('passing') >= 6, `${count('passing')} passing sessions`);
      assert.ok(new Set(all.map((l) => l.format)).size >= 5, 'at least five formats');
      // Long passing sessions: 40 or more assistant replies as written (a format such as Copilot
      // Chat's may join two replies of one request into one completion).
      for (const [id, l] of Object.entries(labels).filter(([, l]) => l.kind === 'passing')) {
        const spec = JSON.parse(readFileSync(join(half, 'specs', `${id}.json`), 'utf8')) as { turns: Array<{ role: string }> };
        const replies = spec.turns.filter((t) => t.role === 'assistant').length;
        assert.ok(replies >= 40 && l.completions! >= 38, `${id}: ${replies} replies, ${l.completions} completions`);
      }
      for (const l of all.filter((l) => l.kind === 'hack-loop')) assert.ok(l.hackCompletion! < l.completions!, l.path);
    });
  }
});
