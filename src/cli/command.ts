/**
 * The contract every `emotion-lens` subcommand implements. Commands get their
 * output streams injected so tests can run them in-process and read what a
 * user would see, and exit codes follow one convention:
 * 0 success, 1 a finding the caller asked to fail on, 2 a usage error.
 */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin: NodeJS.ReadableStream;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  run(argv: string[], io: CliIO): Promise<number>;
}

/** Thrown for bad arguments; the CLI prints the message and the usage, then exits 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
