/**
 * The one error the model-folder checks throw: it names what is wrong and what
 * the user can do about it, so the message can be shown as it is (status bar,
 * CLI, log) without the caller having to know every case.
 */

/** A stable code per problem, for callers that react to a specific one (tests, the CLI's exit code). */
export type LmFolderProblem =
  | 'not-a-folder'
  | 'no-graph'
  | 'ambiguous-graph'
  | 'unreadable-graph'
  | 'merged-layout'
  | 'fp16'
  | 'not-optimum-layout'
  | 'external-data-missing'
  | 'external-data-truncated'
  | 'external-data-outside'
  | 'too-large'
  | 'no-tokenizer'
  | 'bad-tokenizer'
  | 'no-config'
  | 'bad-config'
  | 'config-mismatch'
  | 'no-chat-template'
  | 'bad-layer'
  | 'no-residual';

export class LmFolderError extends Error {
  constructor(
    readonly code: LmFolderProblem,
    /** What is wrong, in one or two sentences that name the file. */
    readonly problem: string,
    /** What to do about it. */
    readonly fix: string,
  ) {
    super(`${problem} Fix: ${fix}`);
    this.name = 'LmFolderError';
  }
}
