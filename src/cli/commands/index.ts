import { Command } from '../command';
import { bench, scan, score, validate, vectors } from './placeholders';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [scan, score, vectors, validate, bench];
