/** Failing runs of one small shop cart in each language: the SPRING20 code should take the total to 119.99, the code gives 120.00. */
export const PY_OUT = "E       AssertionError: assert Decimal('120.00') == Decimal('119.99')\nFAILED tests/test_cart.py::test_spring_discount - AssertionError\n1 failed, 12 passed in 0.31s";
export const JS_OUT = '● cart › applies SPRING20\n\n    expect(received).toBe(expected) // Object.is equality\n\n    Expected: 119.99\n    Received: 120\n\nTests:       1 failed, 12 passed, 13 total';
export const GO_OUT = '--- FAIL: TestSpringDiscount (0.00s)\n    cart_test.go:14: Total("SPRING20") = 120.00, want 119.99\nFAIL\nFAIL\texample.com/shop/cart\t0.004s';
export const RS_OUT = "thread 'tests::spring_discount' panicked at src/cart.rs:40:9:\nassertion `left == right` failed\n  left: 12000\n right: 11999\ntest result: FAILED. 11 passed; 1 failed";
export const JAVA_OUT = '[ERROR] CartTest.springDiscount:22 expected: <119.99> but was: <120.00>\n[ERROR] Tests run: 13, Failures: 1, Errors: 0, Skipped: 0\n[INFO] BUILD FAILURE';
export const CS_OUT = 'Failed CartTests.SpringDiscount [12 ms]\n  Error Message:\n   Assert.Equal() Failure\nExpected: 119.99\nActual:   120.00\nFailed!  - Failed:     1, Passed:    12';
export const RB_OUT = 'Failure:\nCartTest#test_spring_discount [test/cart_test.rb:9]:\nExpected: 119.99\n  Actual: 120.0\n13 runs, 13 assertions, 1 failures, 0 errors, 0 skips';

export function file(...lines: string[]): string {
  return lines.join('\n') + '\n';
}
