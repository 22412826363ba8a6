// Prints the session-source benchmark figures: `npx tsx scripts/bench-sessions.ts [megabytes]`.
import { runSessionsBench } from '../src/core/sessions/bench';

const megabytes = Number(process.argv[2] ?? 64);
runSessionsBench({ megabytes }).then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
