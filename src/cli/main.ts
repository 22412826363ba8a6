import { COMMANDS } from './commands';
import { runCli } from './run';

/** The `emotion-lens` binary: real streams in, exit code out. */
runCli(
  process.argv.slice(2),
  {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
  },
  COMMANDS,
).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`emotion-lens: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
