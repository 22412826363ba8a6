import { Command } from '../command';
import { bench, scan, score, validate, vectors } from './placeholders';
import { command as sessions } from './sessions';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [scan, sessions, score, vectors, validate, bench];
