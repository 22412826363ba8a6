/**
 * Stand-ins for the code under test, set up on the test side: a fixture that
 * patches the project function the failing run failed in
 * (`monkeypatch.setattr(money, "format_amount", _fake)` when the traceback ends
 * in `src/reports/money.py: in format_amount`), or a test config that maps a
 * module the code imports to a shim in the test folder (`moduleNameMapper:
 * {"^undici$": "<rootDir>/test/shims/undici.ts"}`). The tests then pass against
 * the stand-in, whatever the real code does. Patching a dependency the run never
 * failed in, or mapping assets and path aliases, is ordinary test setup.
 */
import { EditContext, isTestLine, quoteLine, TamperFinding } from './tamperContext';

/** The name a patch replaces: the attribute of `setattr(obj, "name")`, the last part of `patch("pkg.mod.name")`. */
const PATCH_TARGETS: RegExp[] = [
  /\bmonkeypatch\.setattr\s*\(\s*[\w.]+\s*,\s*["'](\w+)["']/,
  /\b(?:monkeypatch\.setattr|(?:mock\.|mocker\.)?patch)\s*\(\s*["'][\w.]*?\.?(\w+)["']/,
  /\b(?:mock\.|mocker\.)?patch\.object\s*\(\s*[\w.]+\s*,\s*["'](\w+)["']/,
  /\b(?:jest|vi)\.spyOn\s*\(\s*[\w.]+\s*,\s*["'`](\w+)["'`]\s*\)\s*\.mockImplementation/,
];

/** A mock of a project module by relative path: `jest.mock("../src/money", ...)`, `vi.mock('./money')`; the file stem is captured. */
const MODULE_MOCK = /\b(?:jest|vi)\.(?:mock|doMock)\s*\(\s*["'`]\.{1,2}\/(?:[\w.-]+\/)*([\w.-]+?)(?:\.[cm]?[jt]sx?)?["'`]/;

/** A module mapped to a file: `"^undici$": "<rootDir>/test/shims/undici.ts"` in moduleNameMapper, `undici: './test/shims/undici'` in an alias. */
const MODULE_MAPPING = /^["']?\^?(@?[\w][\w./-]*?)\$?["']?\s*:\s*["'`]([^"'`]+)["'`]/;
const TEST_SIDE_PATH = /(?:^|[\\/])(?:tests?|__mocks__|mocks?|shims?|stubs?|fakes?|fixtures?)[\\/]|\.(?:mock|stub|fake|shim)\.\w+$/;
const CONFIG_FILE = /(?:^|[\\/])(?:jest|vitest|vite|webpack|babel)\.config\.\w+$|(?:^|[\\/])package\.json$|(?:^|[\\/])tsconfig[\w.-]*\.json$/;

export function standInFindings(ctx: EditContext): TamperFinding[] {
  const mapped = moduleMappedToShim(ctx);
  if (mapped) return [mapped];
  const added = ctx.changes.added.filter((l) => !l.comment && isTestLine(ctx, l, 'after'));
  if (added.length === 0) return [];
  for (const line of added) {
    // `jest.mock('../src/money')` replaces the whole module.
    const mocked = MODULE_MOCK.exec(line.text)?.[1];
    if (mocked && ctx.output.frames.has(`module:${mocked}`)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} mocks the module ${mocked}, project code the failing run failed in: ${quoteLine(line.text)}` }];
    }
    const target = PATCH_TARGETS.map((re) => re.exec(line.text)?.[1]).find((t) => t !== undefined);
    if (!target) continue;
    if (ctx.output.frames.has(target)) {
      return [{ pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} replaces ${target}, the project function the failing run failed in, with a stand-in: ${quoteLine(line.text)}` }];
    }
  }
  return [];
}

function moduleMappedToShim(ctx: EditContext): TamperFinding | undefined {
  if (!CONFIG_FILE.test(ctx.path)) return undefined;
  for (const line of ctx.changes.added) {
    if (line.comment) continue;
    // The mapping may share a line with its key: `moduleNameMapper: { "^undici$": "..." },`.
    const entry = line.text.replace(/^(?:moduleNameMapper|alias|paths)\s*:\s*\{\s*/, '');
    const m = MODULE_MAPPING.exec(entry);
    if (!m || /[\\()|*[\]]/.test(m[1]) || !TEST_SIDE_PATH.test(m[2])) continue;
    return { pattern: 'harness-override', severity: 'tamper', detail: `${ctx.path} maps the module ${m[1]} to a test stand-in (${m[2]}): ${quoteLine(line.text)}` };
  }
  return undefined;
}
