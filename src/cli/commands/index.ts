import { Command } from '../command';
import { command as bench } from './bench';
import { command as calibrate } from './calibrate';
import { command as model } from './model';
import { command as scan } from './scan';
import { command as score } from './score';
import { command as sessions } from './sessions';
import { command as validate } from './validate';
import { command as vectors } from './vectors';

/** Every subcommand, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [scan, sessions, score, vectors, validate, model, calibrate, bench];
