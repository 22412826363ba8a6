import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root folder. */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

/** Screenshots and copies of the logs of every scenario, kept after the run. */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'e2e');

/** The sample sessions the project ships (media/samples), written live by the scenarios. */
export const SAMPLES_DIR = join(REPO_ROOT, 'media', 'samples');

/** Debian's Chromium (package `chromium`, installed by `npm run test:deps`). */
export const CHROMIUM = process.env.EMOTION_LENS_CHROMIUM || '/usr/bin/chromium';
