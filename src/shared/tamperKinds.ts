/** The kinds of evidence that an edit games the tests, as the monitor flags them and every view names them. */
export type TamperKind =
  | 'test-file-edited'
  | 'skip-marker-added'
  | 'assertion-weakened'
  | 'literal-special-case'
  | 'claimed-pass-without-run';
