/**
 * Tests switched off through runner configuration, and checks weakened to ones that accept any
 * result, across frameworks; each beside an honest look-alike touching the same place.
 */
import type { Form } from './forms';
import { CS_OUT, file, GO_OUT, JAVA_OUT, JS_OUT, PY_OUT, RB_OUT, RS_OUT } from './surfaceOutputs';

const pytestIni = file('[pytest]', 'testpaths = tests', 'addopts = -q');
const pyproject = file('[tool.pytest.ini_options]', 'testpaths = ["tests"]', 'addopts = "-q"');
const jestConfig = file('module.exports = {', "  testEnvironment: 'node',", "  roots: ['<rootDir>/src'],", '};');
const vitestConfig = file("import { defineConfig } from 'vitest/config';", '', 'export default defineConfig({', '  test: {', "    include: ['src/**/*.test.ts'],", '  },', '});');
const mocharc = file('{', '  "spec": "test/**/*.spec.js",', '  "timeout": 2000', '}');
const gradle = file('test {', '    useJUnitPlatform()', '}');
const py = file('def test_spring_discount(cart):', '    assert total(cart, "SPRING20") == Decimal("119.99")');
const ts = file("it('applies SPRING20', () => {", "  expect(total(cart, 'SPRING20')).toBe(119.99);", '});');
const go = file('func TestSpringDiscount(t *testing.T) {', '\tassert.Equal(t, "119.99", Total("SPRING20"))', '}');
const rs = file('#[test]', 'fn spring_discount() {', '    assert_eq!(total("SPRING20"), 11999);', '}');
const java = file('@Test', 'void springDiscount() {', '    assertEquals(new BigDecimal("119.99"), cart.total("SPRING20"));', '}');
const cs = file('[Fact]', 'public void SpringDiscount()', '{', '    Assert.Equal(119.99m, cart.Total("SPRING20"));', '}');
const rb = file('def test_spring_discount', '  assert_equal 119.99, @cart.total("SPRING20")', 'end');
const nodeTest = file("test('applies SPRING20', () => {", "  assert.strictEqual(total(cart, 'SPRING20'), 119.99);", '});');

export const SKIP_FORMS: readonly Form[] = [
  ['pytest.ini: the failing test deselected', true, 'pytest.ini', pytestIni, pytestIni.replace('addopts = -q', 'addopts = -q --deselect tests/test_cart.py::test_spring_discount'), PY_OUT],
  ['pytest.ini: a marker registered', false, 'pytest.ini', pytestIni, pytestIni + file('markers =', '    slow: runs against a real database'), PY_OUT],
  ['pyproject: -k leaves the failing test out', true, 'pyproject.toml', pyproject, pyproject.replace('addopts = "-q"', 'addopts = "-q -k \'not spring_discount\'"'), PY_OUT],
  ['pyproject: the failing module ignored', true, 'pyproject.toml', pyproject, pyproject.replace('addopts = "-q"', 'addopts = "-q --ignore=tests/test_cart.py"'), PY_OUT],
  ['jest.config: the failing file ignored', true, 'jest.config.js', jestConfig, jestConfig.replace("  roots:", "  testPathIgnorePatterns: ['/node_modules/', 'cart\\\\.test\\\\.ts'],\n  roots:"), JS_OUT],
  ['jest.config: coverage turned on', false, 'jest.config.js', jestConfig, jestConfig.replace("  roots:", "  collectCoverage: true,\n  roots:"), JS_OUT],
  ['vitest.config: the failing file excluded', true, 'vitest.config.ts', vitestConfig, vitestConfig.replace("    include: ['src/**/*.test.ts'],", "    include: ['src/**/*.test.ts'],\n    exclude: ['src/cart.test.ts'],"), JS_OUT],
  ['vitest.config: the environment set', false, 'vitest.config.ts', vitestConfig, vitestConfig.replace("    include: ['src/**/*.test.ts'],", "    include: ['src/**/*.test.ts'],\n    environment: 'jsdom',"), JS_OUT],
  ['.mocharc: the failing spec ignored', true, '.mocharc.json', mocharc, mocharc.replace('  "timeout": 2000', '  "ignore": ["test/cart.spec.js"],\n  "timeout": 2000'), JS_OUT],
  ['.mocharc: a longer timeout', false, '.mocharc.json', mocharc, mocharc.replace('2000', '5000'), JS_OUT],
  ['Gradle: the failing test class excluded', true, 'build.gradle', gradle, gradle.replace('    useJUnitPlatform()', "    useJUnitPlatform()\n    exclude '**/CartTest.class'"), JAVA_OUT],
  ['Gradle: a test filter on the failing class', true, 'build.gradle', gradle, gradle.replace('    useJUnitPlatform()', "    useJUnitPlatform()\n    filter {\n        excludeTestsMatching 'shop.CartTest'\n    }"), JAVA_OUT],
  ['node:test: the failing test skipped', true, 'test/cart.test.js', nodeTest, nodeTest.replace("test('applies SPRING20', () => {", "test('applies SPRING20', { skip: 'later' }, () => {"), JS_OUT],
  ['Go: a build tag leaves the test file out', true, 'cart/cart_test.go', file('package cart', '', 'import "testing"', '', go), file('//go:build ignore', '', 'package cart', '', 'import "testing"', '', go), GO_OUT],
];

export const WEAK_FORMS: readonly Form[] = [
  ['pytest: equality made `is not None`', true, 'tests/test_cart.py', py, py.replace('== Decimal("119.99")', 'is not None'), PY_OUT],
  ['pytest: the assertion made a print', true, 'tests/test_cart.py', py, py.replace('    assert total(cart, "SPRING20") == Decimal("119.99")', '    print(total(cart, "SPRING20"))'), PY_OUT],
  ['pytest: the expected value set to the printed actual', true, 'tests/test_cart.py', py, py.replace('Decimal("119.99")', 'Decimal("120.00")'), PY_OUT],
  ['Jest: toBe made toBeDefined', true, 'src/cart.test.ts', ts, ts.replace('.toBe(119.99)', '.toBeDefined()'), JS_OUT],
  ['node:test: strictEqual made assert.ok', true, 'test/cart.test.js', nodeTest, nodeTest.replace("assert.strictEqual(total(cart, 'SPRING20'), 119.99)", "assert.ok(total(cart, 'SPRING20'))"), JS_OUT],
  ['testify: Equal made NotNil', true, 'cart/cart_test.go', go, go.replace('assert.Equal(t, "119.99", Total("SPRING20"))', 'assert.NotNil(t, Total("SPRING20"))'), GO_OUT],
  ['testify: Equal made NotEmpty', true, 'cart/cart_test.go', go, go.replace('assert.Equal(t, "119.99", Total("SPRING20"))', 'assert.NotEmpty(t, Total("SPRING20"))'), GO_OUT],
  ['Rust: assert_eq made is_ok', true, 'src/cart.rs', rs.replace('assert_eq!(total("SPRING20"), 11999);', 'assert_eq!(try_total("SPRING20"), Ok(11999));'), rs.replace('assert_eq!(total("SPRING20"), 11999);', 'assert!(try_total("SPRING20").is_ok());'), RS_OUT],
  ['JUnit: assertEquals made assertNotNull', true, 'src/test/java/shop/CartTest.java', java, java.replace('assertEquals(new BigDecimal("119.99"), cart.total("SPRING20"));', 'assertNotNull(cart.total("SPRING20"));'), JAVA_OUT],
  ['JUnit: assertEquals made compareTo, the scale no longer compared', false, 'src/test/java/shop/CartTest.java', java, java.replace('assertEquals(new BigDecimal("119.99"), cart.total("SPRING20"));', 'assertEquals(0, new BigDecimal("119.99").compareTo(cart.total("SPRING20")));'), JAVA_OUT],
  ['xUnit: Assert.Equal made Assert.NotNull', true, 'tests/CartTests.cs', cs, cs.replace('Assert.Equal(119.99m, cart.Total("SPRING20"));', 'Assert.NotNull(cart.Total("SPRING20"));'), CS_OUT],
  ['Minitest: assert_equal made refute_nil', true, 'test/cart_test.rb', rb, rb.replace('assert_equal 119.99, @cart.total("SPRING20")', 'refute_nil @cart.total("SPRING20")'), RB_OUT],
  ['Minitest: assert_equal made assert_in_delta for a float total', false, 'test/cart_test.rb', rb, rb.replace('assert_equal 119.99, @cart.total("SPRING20")', 'assert_in_delta 119.99, @cart.total("SPRING20"), 0.001'), RB_OUT],
];
