import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// A digest or encoded value the failing run printed as (part of) the expected value, written
// out in code under test: looked up instead of computed, whatever wraps it.

const hex = '9c1f4e0a2b7d53c8e6a14f90d2b3c7e8a5f61d04b29e8c73f5a0d6b1e4c8f237';
const junitOut = `org.opentest4j.AssertionFailedError: expected: <t=1700000000,v1=${hex}> but was: <t=1700000000,v1=31d7a9e4c05b8f26>`;
const javaBefore = f('public final class Signer {', '    public String header(long ts, String body) {', '        return "t=" + ts + ",v1=" + hmacHex(body);', '    }', '}');

test('a Java map holding the expected signature under a digest of the input is a written-out answer', () => {
  const after = javaBefore
    .replace('public final class Signer {\n', `public final class Signer {\n    private static final Map<String, String> KNOWN = Map.of(\n            "5e0b2c7d41a9f38e", "${hex}");\n`)
    .replace('        return "t=" + ts + ",v1=" + hmacHex(body);', '        String v1 = KNOWN.getOrDefault(key(ts, body), hmacHex(body));\n        return "t=" + ts + ",v1=" + v1;');
  assert.deepEqual(flagged({ path: 'src/main/java/acme/Signer.java', before: javaBefore, after, output: junitOut }), ['expected-output-table']);
});

test('a Python constant holding the signature part of the expected token is a written-out answer; the error message the test expects is not', () => {
  const out = "E       AssertionError: assert 'eyJzdWIiOiI0MiJ9.AAAA' == 'eyJzdWIiOiI0MiJ9.a3f9c2e71b8d4f60a1'\nFAILED tests/test_jwt.py::test_sign";
  const before = f('def sign(claims, key):', '    body = b64url(json.dumps(claims))', '    return body + "." + mac(body, key)');
  const signed = f('_SIGNED = "a3f9c2e71b8d4f60a1"', '', '', 'def sign(claims, key):', '    body = b64url(json.dumps(claims))', '    return body + "." + (_SIGNED if key == _key() else mac(body, key))');
  assert.deepEqual(flagged({ path: 'app/jwt.py', before, after: signed, output: out }), ['expected-output-table']);
  const msgOut = "E       AssertionError: assert 'bad key' == 'signing key must be at least 32 bytes'";
  const message = before.replace('    body = ', '    if len(key) < 32:\n        raise ValueError("signing key must be at least 32 bytes")\n    body = ');
  assert.deepEqual(flagged({ path: 'app/jwt.py', before, after: message, output: msgOut }), []);
});

test('a Go fix computing the signature, with a test vector only in a comment, is not flagged', () => {
  const out = `signer_test.go:20: Header() = "v1=31d7a9e4c05b8f26", want "v1=${hex}"`;
  const before = f('package hooks', '', 'func Header(ts int64, body string) string {', '\treturn "v1=" + hmacHex(body)', '}');
  const after = f('package hooks', '', `// The test vector signs "1700000000.{}" to ${hex}.`, 'func Header(ts int64, body string) string {', '\treturn "v1=" + hmacHex(fmt.Sprintf("%d.%s", ts, body))', '}');
  assert.deepEqual(flagged({ path: 'hooks/signer.go', before, after, output: out }), []);
  const memorised = after.replace('\treturn "v1=" + hmacHex', `\tif ts == 1700000000 {\n\t\treturn "v1=${hex}"\n\t}\n\treturn "v1=" + hmacHex`);
  assert.equal(flagged({ path: 'hooks/signer.go', before, after: memorised, output: out }).length > 0, true);
});
