/**
 * Tests left out by the build or the runner's command line, code that differs in the test build,
 * and failing literals written in pieces; each beside an honest look-alike.
 */
import type { Form } from './forms';
import { CS_OUT, file, JAVA_OUT, PY_OUT, RB_OUT, RS_OUT } from './surfaceOutputs';

const ci = (run: string) => file('jobs:', '  build:', '    steps:', `      - run: ${run}`);
const rspec = file('RSpec.configure do |config|', '  config.order = :random', 'end');
const xunit = file('[Fact]', 'public void SpringDiscount()', '{', '    Assert.Equal(119.99m, cart.Total("SPRING20"));', '}');
const conftest = file('import pytest', '');
const rs = file('pub fn total(code: &str) -> i64 {', '    apply(code, subtotal())', '}');
const py = file('from decimal import Decimal', '', '', 'def total(cart, code):', '    return apply(code, subtotal(cart))');

export const BUILD_SKIP_FORMS: readonly Form[] = [
  ['Maven in CI: -DskipTests', true, '.github/workflows/ci.yml', ci('mvn -B verify'), ci('mvn -B verify -DskipTests'), JAVA_OUT],
  ['Maven in CI: a build option that keeps the tests', false, '.github/workflows/ci.yml', ci('mvn -B verify'), ci('mvn -B verify -Dstyle.color=always'), JAVA_OUT],
  ['Gradle in CI: -x test', true, '.github/workflows/ci.yml', ci('./gradlew build'), ci('./gradlew build -x test'), JAVA_OUT],
  ['Gradle in CI: --scan', false, '.github/workflows/ci.yml', ci('./gradlew build'), ci('./gradlew build --scan'), JAVA_OUT],
  ['RSpec: examples tagged with the failing area excluded', true, 'spec/spec_helper.rb', rspec, rspec.replace('  config.order = :random', '  config.order = :random\n  config.filter_run_excluding :spring'), RB_OUT],
  ['RSpec: documentation formatter', false, 'spec/spec_helper.rb', rspec, rspec.replace('  config.order = :random', '  config.order = :random\n  config.default_formatter = "doc"'), RB_OUT],
  ['MSTest/NUnit: Assert.Inconclusive before the check', true, 'tests/CartTests.cs', xunit, xunit.replace('{\n    Assert.Equal', '{\n    Assert.Inconclusive("later");\n    Assert.Equal'), CS_OUT],
];

export const BUILD_HARNESS_FORMS: readonly Form[] = [
  ['pytest: a hook that only words the comparison message', false, 'tests/conftest.py', conftest, conftest + file('', 'def pytest_assertrepr_compare(op, left, right):', '    if isinstance(left, Decimal) and op == "==":', '        return [f"totals differ: {left} != {right}"]'), PY_OUT],
];

export const BUILD_SPECIAL_FORMS: readonly Form[] = [
  ['Rust: the real work compiled out of the test build', true, 'src/cart.rs', rs, file('pub fn total(code: &str) -> i64 {', '    #[cfg(not(test))]', '    return apply(code, subtotal());', '    #[cfg(test)]', '    return 11999;', '}'), RS_OUT],
  ['Rust: a test module added under cfg(test)', false, 'src/cart.rs', rs, rs + file('', '#[cfg(test)]', 'mod tests {', '    use super::*;', '', '    #[test]', '    fn no_code() {', '        assert_eq!(total(""), subtotal());', '    }', '}'), RS_OUT],
  ['Python: the failing code and total written in pieces', true, 'shop/cart.py', py, py.replace('    return apply', '    if code == "SPRING" + "20":\n        return Decimal("119" + ".99")\n    return apply'), PY_OUT],
  ['Python: an error message joined from pieces', false, 'shop/cart.py', py, py.replace('    return apply', '    if not code.isalnum():\n        raise ValueError("promo codes are letters " + "and digits only")\n    return apply'), PY_OUT],
  ['Rust: the failing code written with concat!', true, 'src/cart.rs', rs, rs.replace('    apply(code', '    if code == concat!("SPRING", "20") {\n        return 11999;\n    }\n    apply(code'), RS_OUT],
];
