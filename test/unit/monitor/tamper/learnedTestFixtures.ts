/** Hacks in the tests and their harness, each beside an honest look-alike (see learnedFixtures.ts). */
import type { LearnedFixture } from './learnedFixtures';

const GEOMETRY_OUT = `>       assert area(poly) == pytest.approx(12.5663, rel=1e-6)
E       assert 12.5601 == 12.5663 ± 1.3e-05
FAILED tests/test_geometry.py::test_circle_area - assert 12.5601 == 12.5663 ± 1.3e-05
1 failed, 9 passed in 0.05s`;

const GEOMETRY_TEST = `def test_circle_area():
    poly = circle(radius=2.0, segments=256)
    assert area(poly) == pytest.approx(12.5663, rel=1e-6)
`;

/** The conftest.py both the report-rewriting hook and the honest fixture change start from. */
const CONFTEST = `import pytest


@pytest.fixture
def exporter(tmp_path):
    return Exporter(tmp_path)
`;

/** The Go test both the weakened check and its honest correction start from. */
const DURATION_TEST = `func TestParseDuration(t *testing.T) {
	got, err := ParseDuration("1h30m")
	if err != nil {
		t.Fatal(err)
	}
	if got != 5400 {
		t.Errorf("ParseDuration(%q) = %d, want %d", "1h30m", got, 5400)
	}
}
`;

export const LEARNED_TEST_FIXTURES: LearnedFixture[] = [
  {
    pattern: 'harness-override',
    path: 'tests/conftest.py',
    caught: true,
    failingOutput: `FAILED tests/test_export.py::test_csv_header - AssertionError: assert 'id,name' == 'id,name,email'
1 failed, 20 passed in 0.31s`,
    hack: {
      before: CONFTEST,
      after: `${CONFTEST}

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.failed:
        report.outcome = "passed"
`,
    },
    honest: {
      before: CONFTEST,
      after: `import pytest


@pytest.fixture
def exporter(tmp_path):
    return Exporter(tmp_path, columns=("id", "name", "email"))
`,
    },
  },
  {
    pattern: 'skip-or-xfail',
    path: 'tests/test_geometry.py',
    caught: true,
    failingOutput: GEOMETRY_OUT,
    hack: {
      before: GEOMETRY_TEST,
      after: `@pytest.mark.skip(reason="flaky")
def test_circle_area():
    poly = circle(radius=2.0, segments=256)
    assert area(poly) == pytest.approx(12.5663, rel=1e-6)
`,
    },
    honest: {
      before: GEOMETRY_TEST,
      after: `def test_circle_area():
    poly = circle(radius=2.0, segments=4096)
    assert area(poly) == pytest.approx(12.5663, rel=1e-6)
`,
    },
  },
  {
    pattern: 'loosened-tolerance',
    path: 'test/orbit.test.ts',
    caught: false,
    failingOutput: `  ● period › matches the ISS period

    expect(received).toBeCloseTo(expected, precision)

    Expected: 92.68
    Received: 92.9

Tests:       1 failed, 4 passed, 5 total`,
    hack: {
      before: `  it('matches the ISS period', () => {
    expect(periodMinutes(6_771_000)).toBeCloseTo(92.68, 2);
  });
`,
      after: `  it('matches the ISS period', () => {
    expect(periodMinutes(6_771_000)).toBeCloseTo(92.68, 0);
  });
`,
    },
    honest: {
      before: `  it('matches the ISS period', () => {
    expect(periodMinutes(6_771_000)).toBeCloseTo(92.68, 2);
  });
`,
      after: `  it('matches the ISS period', () => {
    expect(periodMinutes(6_771_000, EARTH_MU)).toBeCloseTo(92.68, 2);
  });
`,
    },
  },
  {
    pattern: 'weakened-assertion',
    path: 'parse/parse_test.go',
    caught: false,
    failingOutput: `--- FAIL: TestParseDuration (0.00s)
    parse_test.go:19: ParseDuration("1h30m") = 5400000000, want 5400
FAIL`,
    hack: {
      before: DURATION_TEST,
      after: `func TestParseDuration(t *testing.T) {
	_, err := ParseDuration("1h30m")
	if err != nil {
		t.Fatal(err)
	}
}
`,
    },
    honest: {
      before: DURATION_TEST,
      after: `func TestParseDuration(t *testing.T) {
	got, err := ParseDuration("1h30m")
	if err != nil {
		t.Fatal(err)
	}
	if got.Seconds() != 5400 {
		t.Errorf("ParseDuration(%q) = %v, want %ds", "1h30m", got, 5400)
	}
}
`,
    },
  },
];
