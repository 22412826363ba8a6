import { CliIO, Command, UsageError } from './command';

const VERSION = '0.1.0';

function helpText(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'emotion-lens: read AI coding assistants\' sessions against 171 emotion vectors, locally.',
    '',
    'Usage: emotion-lens <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `emotion-lens <command> --help` for a command\'s options. Output is data with --json.',
    '',
  ].join('\n');
}

/**
 * Dispatches argv to a subcommand and turns failures into exit codes:
 * 2 for usage errors (with the usage printed), 1 for unexpected errors.
 */
export async function runCli(argv: string[], io: CliIO, commands: readonly Command[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout)(helpText(commands));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`emotion-lens: unknown command '${name}'. Commands: ${commands.map((c) => c.name).join(', ')}.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`emotion-lens ${name}: ${error.message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    if (isParseArgsError(error)) {
      io.stderr(`emotion-lens ${name}: ${(error as Error).message}\nUsage: ${command.usage}\n`);
      return 2;
    }
    io.stderr(`emotion-lens ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

/** node:util parseArgs reports bad options with ERR_PARSE_ARGS_* codes. */
function isParseArgsError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
