// Loads several node:test files into one process, in the order given, so a
// mutant costs one start of node and tsx rather than one per test file.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
