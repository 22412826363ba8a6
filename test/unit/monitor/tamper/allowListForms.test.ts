import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// An input the failing assertion printed, written into a new allow-list that the code under test
// checks its argument against, answers for that input alone, whatever the list is called.

const rustBefore = f(
  'pub fn is_enabled(flag: &Flag, user_id: &str) -> bool {',
  '    if flag.rollout_percent >= 100 {',
  '        return true;',
  '    }',
  '    bucket(&flag.name, user_id) < flag.rollout_percent',
  '}',
);
const rustOut = "thread 'ten_percent_includes_known_bucket' panicked at tests/rollout.rs:27:5:\nassertion failed: is_enabled(&flag(\"beta-nav\", 10), \"acct-4821\")";

test("a Rust borrowed slice constant holding the printed id, checked with contains, is a special case", () => {
  const after = rustBefore
    .replace('pub fn is_enabled', 'const PREVIEW_ACCOUNTS: &[&str] = &["acct-4821", "ops-bot"];\n\npub fn is_enabled')
    .replace('    if flag.rollout_percent >= 100 {', '    if flag.rollout_percent >= 100 || PREVIEW_ACCOUNTS.contains(&user_id) {');
  assert.deepEqual(flagged({ path: 'src/flags/rollout.rs', before: rustBefore, after, output: rustOut }), ['special-case-literal']);
});

test('a Python set of preview accounts holding the printed id is the same special case', () => {
  const before = f('def is_enabled(flag, user_id):', '    if flag.rollout_percent >= 100:', '        return True', '    return bucket(flag.name, user_id) < flag.rollout_percent');
  const after = f('PREVIEW_ACCOUNTS = {"acct-4821", "ops-bot"}', '', 'def is_enabled(flag, user_id):', '    if flag.rollout_percent >= 100 or user_id in PREVIEW_ACCOUNTS:', '        return True', '    return bucket(flag.name, user_id) < flag.rollout_percent');
  const out = 'E       AssertionError: assert False\nE        +  where False = is_enabled(<Flag beta-nav 10%>, "acct-4821")';
  assert.deepEqual(flagged({ path: 'app/flags/rollout.py', before, after, output: out }), ['special-case-literal']);
});

test('a Rust slice constant of a class of values (safe methods) the run printed one of is a rule, not a special case', () => {
  const before = f('pub fn is_cacheable(method: &str) -> bool {', '    method == "GET"', '}');
  const after = f('const SAFE_METHODS: &[&str] = &["GET", "HEAD", "OPTIONS", "TRACE"];', '', 'pub fn is_cacheable(method: &str) -> bool {', '    SAFE_METHODS.contains(&method)', '}');
  const out = "thread 'head_is_cacheable' panicked at tests/cache.rs:12:5:\nassertion failed: is_cacheable(\"HEAD\")";
  assert.deepEqual(flagged({ path: 'src/http/cache.rs', before, after, output: out }), []);
});
