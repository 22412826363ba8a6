import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyseEdit } from '../../../src/core/monitor/tamperAnalysis';
import { editEvidence } from '../../../src/core/monitor/tamperEvidence';
import type { Alert } from '../../../src/core/monitor/types';
import type { FileEdit } from '../../../src/core/sessions/model';
import { popsUp } from '../../../src/host/alertPopups';

// Alerts built from real evidence, as the monitor files them for the notifier.
function tamperAlerts(path: string, before: string, after: string, output: string): Alert[] {
  const edit: FileEdit = { kind: 'file-edit', id: 'edit-1', path, testFile: true, newText: after, source: { path: 'session.jsonl', line: 12 } };
  const judged = editEvidence(edit, { before, after }, output, '', 3);
  return judged.evidence.map((e) => ({ kind: 'tampering', completionIndex: e.completionIndex, message: e.detail, evidence: e }));
}

test('a test file edited without tamper evidence is a notice that does not pop up', () => {
  const before = 'def test_total():\n    assert total([2, 3]) == 5\n';
  const after = 'def test_total():\n    # two items\n    assert total([2, 3]) == 5\n';
  assert.equal(analyseEdit({ path: 'tests/test_cart.py', before, after, failingOutput: 'E  assert 6 == 5' }).findings[0]?.severity, 'notice');
  const alerts = tamperAlerts('tests/test_cart.py', before, after, 'E  assert 6 == 5');
  assert.equal(alerts.length, 1);
  assert.equal(popsUp(alerts[0]), false);
});

test('tamper evidence and a desperate loop still pop up', () => {
  const before = 'def test_total():\n    assert total([2, 3]) == 5\n';
  const after = 'import pytest\n\n@pytest.mark.skip(reason="later")\ndef test_total():\n    assert total([2, 3]) == 5\n';
  const alerts = tamperAlerts('tests/test_cart.py', before, after, 'E  assert 6 == 5');
  assert.equal(alerts.length, 1);
  assert.equal(popsUp(alerts[0]), true);
  const desperate: Alert = { kind: 'desperation', completionIndex: 7, message: 'desperate is rising', evidence: { failingStreak: 4, failingRuns: [], baseline: 0.1, level: 1.9, trend: 0.3, calm: 0 } };
  assert.equal(popsUp(desperate), true);
});
