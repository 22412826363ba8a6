/**
 * `npm run lint` runs this after ESLint: fails, printing each cycle's path, when
 * files of src/ or webview/ import each other in a loop (type-only imports count).
 */
import { describeCycle, findImportCycles, importGraph, projectFiles } from './lib/importCycles';

const root = process.cwd();
const { files, options } = projectFiles(root, ['src', 'webview']);
const cycles = findImportCycles(importGraph(files, options));
if (cycles.length > 0) {
  console.error(`${cycles.length} import cycle(s) among ${files.length} files of src/ and webview/:`);
  for (const cycle of cycles) console.error(`  ${describeCycle(cycle, root)}`);
  process.exit(1);
}
console.log(`no import cycles among ${files.length} files of src/ and webview/`);
