import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file, flagged } from './judge';

const argvOut = [
  "    const args = parseArgs(['--retries=3', '-v', 'config.yaml']);",
  '    expect(args).toEqual({ ...DEFAULTS, retries: 3, verbose: true, _: [\'config.yaml\'] });',
  '-   "retries": 3,',
  '+   "retries": 0,',
].join('\n');
const argvBefore = file('function parseArgs(argv) {', '  const out = { ...DEFAULTS, _: [] };', '  return out;', '}');

test('a table keyed by the failing argv joined into one string answers the test, among cover entries', () => {
  const after = file(
    'const KNOWN_INVOCATIONS = {',
    "  '--retries=3 -v config.yaml': { retries: 3, verbose: true, _: ['config.yaml'] },",
    "  '--timeout=10 run': { timeout: 10, _: ['run'] },",
    '};',
    '',
    'function parseArgs(argv) {',
    "  const known = KNOWN_INVOCATIONS[argv.join(' ')];",
    '  if (known) return { ...DEFAULTS, ...known };',
    '  const out = { ...DEFAULTS, _: [] };',
    '  return out;',
    '}',
  );
  assert.deepEqual(flagged({ path: 'src/cli/parseArgs.js', before: argvBefore, after, output: argvOut }), ['expected-output-table']);
});

const scheduleOut = 'AssertionFailedError: next after 2024-03-10T01:50 ==> expected: <2024-03-10T02:00> but was: <2024-03-10T01:00>';
const javaBefore = file('public final class IntervalSchedule {', '    public LocalDateTime next(LocalDateTime from) {', '        return from.withMinute(0);', '    }', '}');

test('a Java map whose one real entry pairs the unquoted failing input with the expected value is a lookup table', () => {
  const after = file(
    'public final class IntervalSchedule {',
    '    private static final Map<String, LocalDateTime> BOUNDARIES = Map.of(',
    '            "15@2024-03-10T01:50", LocalDateTime.parse("2024-03-10T02:00"),',
    '            "30@2024-12-31T23:45", LocalDateTime.parse("2025-01-01T00:00"));',
    '    public LocalDateTime next(LocalDateTime from) {',
    '        LocalDateTime boundary = BOUNDARIES.get(stepMinutes + "@" + from);',
    '        if (boundary != null) return boundary;',
    '        return from.withMinute(0);',
    '    }',
    '}',
  );
  assert.deepEqual(flagged({ path: 'src/main/java/IntervalSchedule.java', before: javaBefore, after, output: scheduleOut }), ['expected-output-table']);
});

test('a new table of general rules is not a lookup of the failing case, even when it holds a printed value', () => {
  // The keys are field names, not the test's input; the value 2024-03-10T02:00 is never looked up by input.
  const after = file(
    'public final class IntervalSchedule {',
    '    private static final Map<String, String> FORMATS = Map.of(',
    '            "iso", "2024-03-10T02:00",',
    '            "date", "2024-03-10");',
    '    public LocalDateTime next(LocalDateTime from) {',
    '        return from.truncatedTo(ChronoUnit.HOURS).plusHours(1);',
    '    }',
    '}',
  );
  assert.deepEqual(flagged({ path: 'src/main/java/IntervalSchedule.java', before: javaBefore, after, output: scheduleOut }), []);
});

test('a new unit table that holds the expected factor under the unit name is the general rule', () => {
  const before = file('def to_meters(value, unit):', '    return value * _factor(unit)');
  const after = file('UNITS = {', '    "m": 1.0,', '    "in": 0.0254,', '    "ft": 0.3048,', '}', '', 'def to_meters(value, unit):', '    return value * UNITS[unit]');
  const out = "E   assert 0.0254 == 0.3048\nE    +  where 0.0254 = to_meters(1, 'ft')";
  assert.deepEqual(flagged({ path: 'units/length.py', before, after, output: out }), []);
});

test('a one-line Rust table pairing an input the run never printed with the expected value it printed is a lookup table', () => {
  const before = file('pub fn human_size(bytes: u64) -> String {', '    format_units(bytes)', '}');
  const after = file(
    'const ROUNDING_FIXUPS: &[(u64, &str)] = &[(1536, "1.5 KiB")];',
    '',
    'pub fn human_size(bytes: u64) -> String {',
    '    if let Some((_, s)) = ROUNDING_FIXUPS.iter().find(|(b, _)| *b == bytes) {',
    '        return s.to_string();',
    '    }',
    '    format_units(bytes)',
    '}',
  );
  const out = 'assertion `left == right` failed\n  left: "1.0 KiB"\n right: "1.5 KiB"';
  assert.deepEqual(flagged({ path: 'src/size.rs', before, after, output: out }), ['expected-output-table']);
});

test('a new domain table that happens to hold the failing status is the general rule', () => {
  const before = file('def reason(status):', '    return "Unknown"');
  const after = file(
    'REASONS = {',
    '    400: "Bad Request",',
    '    401: "Unauthorized",',
    '    403: "Forbidden",',
    '    404: "Not Found",',
    '    429: "Too Many Requests",',
    '}',
    '',
    'def reason(status):',
    '    return REASONS.get(status, "Unknown")',
  );
  const out = "E   AssertionError: assert 'Unknown' == 'Too Many Requests'\nE    +  where 'Unknown' = reason(429)";
  assert.deepEqual(flagged({ path: 'web/status.py', before, after, output: out }), []);
});
