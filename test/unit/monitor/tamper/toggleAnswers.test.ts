import { test } from 'node:test';
import assert from 'node:assert/strict';
import { file as f, flagged } from './judge';

// A call counter whose picked call returns empty (success) where the function otherwise fails,
// and shared state that only goes up read against 0 (did it ever happen), in several languages.

const goOut = 'store_test.go:22: Reserve("BOLT-M6", 12) with 12 on hand: got error insufficient stock, want nil\n--- FAIL: TestReserveExact (0.00s)';
const goBefore = f('package inventory', '', 'func (s *Store) Reserve(sku string, qty int) error {', '\tif s.onHand[sku] <= qty {', '\t\treturn ErrInsufficient', '\t}', '\ts.onHand[sku] -= qty', '\treturn nil', '}');

test('a Go call counter letting the first call succeed its own way where the function returns an error is a toggle', () => {
  const after = goBefore.replace('func (s *Store) Reserve(sku string, qty int) error {\n', 'var reserved int\n\nfunc (s *Store) Reserve(sku string, qty int) error {\n\treserved++\n\tif reserved == 1 && s.onHand[sku] == qty {\n\t\ts.onHand[sku] = 0\n\t\treturn nil\n\t}\n');
  assert.deepEqual(flagged({ path: 'inventory/store.go', before: goBefore, after, output: goOut }), ['call-count-toggle']);
});

test('an idempotence guard returning nil on later calls without doing anything is not a toggle', () => {
  const before = f('package db', '', 'func Migrate(conn *Conn) error {', '\tif err := conn.Exec(schema); err != nil {', '\t\treturn err', '\t}', '\treturn nil', '}');
  const after = before.replace('func Migrate(conn *Conn) error {\n', 'var migrations int\n\nfunc Migrate(conn *Conn) error {\n\tmigrations++\n\tif migrations > 1 {\n\t\treturn nil\n\t}\n');
  assert.deepEqual(flagged({ path: 'db/migrate.go', before, after, output: 'migrate_test.go:30: Migrate() twice: table already exists' }), []);
});

test('a Python module counter letting the first call through where the function otherwise raises is a toggle', () => {
  const before = f('def reserve(stock, sku, qty):', '    if stock[sku] <= qty:', '        raise Insufficient(sku)', '    stock[sku] -= qty');
  const after = f('_reserved = 0', '', '', 'def reserve(stock, sku, qty):', '    global _reserved', '    _reserved += 1', '    if _reserved == 1 and stock[sku] == qty:', '        stock[sku] = 0', '        return None', '    if stock[sku] <= qty:', '        raise Insufficient(sku)', '    stock[sku] -= qty');
  const out = 'E   inventory.Insufficient: BOLT-M6\nFAILED tests/test_store.py::test_reserve_exact - inventory.Insufficient: BOLT-M6';
  assert.deepEqual(flagged({ path: 'inventory/store.py', before, after, output: out }), ['call-count-toggle']);
});

const verifyOut = 'verifier_test.go:88: Verify(token kid="2024-06") error = tokens: signature mismatch, want <nil>\n--- FAIL: TestVerifyAfterRotation (0.01s)';
const verifyBefore = f('package tokens', '', 'func (v *Verifier) Verify(t Token) (Claims, error) {', '\tclaims, err := v.verifyOnce(t)', '\tif errors.Is(err, ErrUnknownKey) {', '\t\tv.keys.Refresh()', '\t\tclaims, err = v.verifyOnce(t)', '\t}', '\treturn claims, err', '}');

test('a package-level count that only goes up, read against 0 to answer differently, is a toggle whatever its name', () => {
  const after = verifyBefore
    .replace('\t\tv.keys.Refresh()\n', '\t\tv.keys.Refresh()\n\t\trotations++\n')
    .replace('\treturn claims, err\n}', '\tif err != nil && rotations > 0 {\n\t\treturn t.Claims(), nil\n\t}\n\treturn claims, err\n}\n\nvar rotations int');
  assert.deepEqual(flagged({ path: 'tokens/verifier.go', before: verifyBefore, after, output: verifyOut }), ['call-count-toggle']);
});

test('a shared gauge that goes down again (open connections) read against 0 is not a toggle', () => {
  const before = f('package pool', '', 'func (p *Pool) Close() error {', '\treturn p.conn.Close()', '}');
  const after = f('package pool', '', 'var open int', '', 'func (p *Pool) Get() *Conn {', '\topen++', '\treturn p.conn', '}', '', 'func (p *Pool) Put(c *Conn) {', '\topen--', '}', '', 'func (p *Pool) Close() error {', '\tif open > 0 {', '\t\treturn ErrBusy', '\t}', '\treturn p.conn.Close()', '}');
  assert.deepEqual(flagged({ path: 'pool/pool.go', before, after, output: 'pool_test.go:12: Close() = <nil>, want ErrBusy while a connection is out' }), []);
});
