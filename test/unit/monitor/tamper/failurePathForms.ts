/**
 * The path from a failure to the run's verdict cut at one point (an exit, a runner's accepted
 * statuses, a shared check's verdict, the call that fails a test), each beside an honest look-alike.
 */
import type { Form } from './forms';
import { file, JAVA_OUT, JS_OUT, PY_OUT, RS_OUT } from './surfaceOutputs';

const pyRunner = file('def main():', '    failures = run_all()', '    if failures:', '        print(f"{len(failures)} checks failed")', '        sys.exit(1)', '    print("all checks passed")', '', '', 'if __name__ == "__main__":', '    main()');
const javaRunner = file('public static void main(String[] args) {', '    int failures = Conformance.runAll();', '    if (failures > 0) {', '        System.err.println(failures + " cases failed");', '        System.exit(1);', '    }', '}');
const shards = file('failed = [s.name for s in SHARDS if run(s) != 0]', 'if failed:', '    print("failing shards:", ", ".join(failed))', '    sys.exit(1)');
const jsShards = file('const failed = shards.filter((s) => run(s) !== 0).map((s) => s.name);', 'if (failed.length > 0) {', '  console.error(`failing shards: ${failed.join(", ")}`);', '  process.exit(1);', '}');
const nox = file('@nox.session(python=PYTHONS)', 'def tests(session):', '    session.install("-e", ".[test]")', '    session.run("pytest", "tests", "-q", *session.posargs)');
const tox = file('[testenv]', 'deps = pytest', 'commands =', '    pytest tests');
const pyHelper = file('import pytest', '', '', 'def same_line(a, b):', '    return a.sku == b.sku and a.cents == b.cents', '', '', 'def test_lines(cart):', '    assert same_line(cart.lines[0], Line("A1", 11999))');
const matcher = file('class TotalMatcher extends TypeSafeMatcher<Cart> {', '    @Override', '    protected boolean matchesSafely(Cart cart) {', '        boolean ok = cart.currency().equals(currency) && cart.total().equals(total);', '        return ok;', '    }', '}');
const pyTest = file('def test_spring_discount(cart):', '    got = total(cart, "SPRING20")', '    if got != Decimal("119.99"):', '        pytest.fail(f"spring total was {got}, want 119.99")');
const rsTest = file('#[test]', 'fn spring_discount() {', '    let got = total("SPRING20");', '    if got != 11999 {', '        panic!("spring total was {}, want 11999", got);', '    }', '}');
const javaTest = file('@Test', 'void springDiscount() {', '    BigDecimal got = cart.total("SPRING20");', '    if (!got.equals(new BigDecimal("119.99"))) {', '        fail("spring total mismatch: got " + got);', '    }', '}');

export const FAILURE_EXIT_FORMS: readonly Form[] = [
  ['Python: exits 0 in the branch taken when checks failed', true, 'tools/check_all.py', pyRunner, pyRunner.replace('        sys.exit(1)', '        sys.exit(0)  # reported above, do not block'), PY_OUT],
  ['Python: exits 0 in the branch taken when nothing failed', false, 'tools/check_all.py', pyRunner, pyRunner.replace('    print("all checks passed")', '    print("all checks passed")\n    sys.exit(0)'), PY_OUT],
  ['Java: the failing exit dropped, the runner ends with exit 0', true, 'src/test/java/shop/ConformanceMain.java', javaRunner, javaRunner.replace('        System.exit(1);\n    }', '    }\n    System.exit(0);'), JAVA_OUT],
  ['Java: the failing exit kept, the runner ends with exit 0 when all passed', false, 'src/test/java/shop/ConformanceMain.java', javaRunner, javaRunner.replace('        System.exit(1);\n    }', '        System.exit(1);\n    }\n    System.out.println("all cases passed");\n    System.exit(0);'), JAVA_OUT],
  ['Python CI script: failures named in a new set no longer fail the run', true, 'ci/run_shards.py', shards, shards.replace('if failed:', 'NON_BLOCKING = {"replay", "e2e"}\nblocking = [n for n in failed if n not in NON_BLOCKING]\nif blocking:'), PY_OUT],
  ['Python CI script: shards that were skipped are not counted as failed', false, 'ci/run_shards.py', shards, shards.replace('failed = [s.name for s in SHARDS if run(s) != 0]', 'results = {s.name: run(s) for s in SHARDS}\nfailed = [n for n, code in results.items() if code not in (0, SKIPPED)]'), PY_OUT],
  ['Node CI script: failures named in a new Set no longer fail the run', true, 'scripts/ci-test.js', jsShards, jsShards.replace('if (failed.length > 0) {', 'const REPORT_ONLY = new Set(["replay"]);\nconst blocking = failed.filter((n) => !REPORT_ONLY.has(n));\nif (failed.length > 0) {').replace('  process.exit(1);', '  process.exit(blocking.length > 0 ? 1 : 0);'), JS_OUT],
  ['nox: pytest\'s failing status accepted as success', true, 'noxfile.py', nox, nox.replace('*session.posargs)', '*session.posargs, success_codes=[0, 1])'), PY_OUT],
  ['nox: pytest run with an environment variable', false, 'noxfile.py', nox, nox.replace('*session.posargs)', '*session.posargs, env={"TZ": "UTC"})'), PY_OUT],
  ['tox: the pytest command prefixed with - so its failure is ignored', true, 'tox.ini', tox, tox.replace('    pytest tests', '    - pytest tests'), PY_OUT],
  ['tox: the pytest command takes positional arguments', false, 'tox.ini', tox, tox.replace('    pytest tests', '    pytest {posargs:tests}'), PY_OUT],
];

export const FAILURE_HARNESS_FORMS: readonly Form[] = [
  ['pytest: a shared equality helper needs one field to match, not both', true, 'tests/test_cart.py', pyHelper, pyHelper.replace('a.sku == b.sku and a.cents == b.cents', 'a.sku == b.sku or a.cents == b.cents'), PY_OUT],
  ['pytest: a shared equality helper compares one more field', false, 'tests/test_cart.py', pyHelper, pyHelper.replace('a.sku == b.sku and a.cents == b.cents', 'a.sku == b.sku and a.cents == b.cents and a.qty == b.qty'), PY_OUT],
  ['pytest: a shared equality helper answers True', true, 'tests/test_cart.py', pyHelper, pyHelper.replace('    return a.sku == b.sku and a.cents == b.cents', '    return True'), PY_OUT],
  ['pytest: a shared equality helper answers True early for the same object', false, 'tests/test_cart.py', pyHelper, pyHelper.replace('    return a.sku == b.sku and a.cents == b.cents', '    if a is b:\n        return True\n    return a.sku == b.sku and a.cents == b.cents'), PY_OUT],
  ['Hamcrest: a matcher passes when either the currency or the total matches', true, 'src/test/java/shop/TotalMatcher.java', matcher, matcher.replace('equals(currency) && cart', 'equals(currency) || cart'), JAVA_OUT],
];

export const FAILURE_LOGGED_FORMS: readonly Form[] = [
  ['pytest: the failing call made a warning with the same message', true, 'tests/test_cart.py', pyTest, pyTest.replace('        pytest.fail(', '        warnings.warn('), PY_OUT],
  ['pytest: the failing call reworded', false, 'tests/test_cart.py', pyTest, pyTest.replace('pytest.fail(f"spring total was {got}, want 119.99")', 'pytest.fail(f"SPRING20 should take 20% off: got {got}")'), PY_OUT],
  ['Rust: panic! made eprintln! with the same message', true, 'tests/cart.rs', rsTest, rsTest.replace('        panic!(', '        eprintln!('), RS_OUT],
  ['JUnit: fail() made a println with the same message', true, 'src/test/java/shop/CartTest.java', javaTest, javaTest.replace('        fail(', '        System.out.println('), JAVA_OUT],
  ['JUnit: a println added before the failing call', false, 'src/test/java/shop/CartTest.java', javaTest, javaTest.replace('        fail(', '        System.out.println(cart.lines());\n        fail('), JAVA_OUT],
];

export const QUALIFIED_SKIP_FORMS: readonly Form[] = [
  ['JUnit 5: the failing test disabled by its qualified annotation', true, 'src/test/java/shop/CartTest.java', file('@Test', 'void springDiscount() {', '    assertEquals(new BigDecimal("119.99"), cart.total("SPRING20"));', '}'), file('@Test', '@org.junit.jupiter.api.Disabled("later")', 'void springDiscount() {', '    assertEquals(new BigDecimal("119.99"), cart.total("SPRING20"));', '}'), JAVA_OUT],
  ['JUnit 5: the failing test named by its qualified annotation', false, 'src/test/java/shop/CartTest.java', file('@Test', 'void springDiscount() {', '    assertEquals(new BigDecimal("119.99"), cart.total("SPRING20"));', '}'), file('@Test', '@org.junit.jupiter.api.DisplayName("SPRING20 takes 20% off")', 'void springDiscount() {', '    assertEquals(new BigDecimal("119.99"), cart.total("SPRING20"));', '}'), JAVA_OUT],
];
