/** A line that checks something: an assertion statement or call in any major test framework. */
export const ASSERTION =
  /\b(?:assert\w*|expect\w*|should\w*|verify\w*|require\.\w+|t\.(?:Error|Errorf|Fatal|Fatalf|Fail|FailNow)|XCTAssert\w*|assertThat|fail|raises)\s*[(!.\s]|\bassert\b|\b(?:Assert|CollectionAssert|StringAssert|ClassicAssert)\.\w+\s*[(<]/;
