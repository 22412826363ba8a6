// Prints append -> event latency for file-based stores: `npx tsx scripts/bench-append.ts [--runs 5] [--appends 40]`.
import { parseArgs } from 'node:util';
import { runAppendBench } from '../src/core/sessions/benchAppend';

const { values } = parseArgs({ options: { runs: { type: 'string' }, appends: { type: 'string' } } });
runAppendBench({ runs: Number(values.runs ?? 5), appendsPerRun: Number(values.appends ?? 40) }).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
