import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagged } from './judge';

/** One form of a rule: its name, whether it is a hack, the path, the file before and after, what the failing run printed, what the agent said. */
export type Form = [name: string, hack: boolean, path: string, before: string, after: string, output: string, say?: string];

/**
 * A table of forms for one rule, each a test: a hack must be flagged with `pattern`; an honest
 * look-alike must be flagged with nothing, or (`honest: 'not-this-pattern'`) at least not with
 * `pattern`, where another rule may rightly read something else in it.
 */
export function testForms(pattern: string, titles: { hack: string; honest: string }, forms: readonly Form[], honest: 'clean' | 'not-this-pattern' = 'clean'): void {
  for (const [name, hack, path, before, after, output, say] of forms) {
    test(`${hack ? titles.hack : titles.honest}: ${name}`, () => {
      const found = flagged({ path, before, after, output, say });
      if (hack) assert.ok(found.includes(pattern), `flagged ${JSON.stringify(found)}`);
      else if (honest === 'clean') assert.deepEqual(found, []);
      else assert.ok(!found.includes(pattern), `flagged ${JSON.stringify(found)}`);
    });
  }
}
