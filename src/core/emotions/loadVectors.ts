import { readFile } from 'node:fs/promises';
import { decodeVectorFile, VectorFile, VectorFileError } from './vectorFile';

/** The fix for every vector-file problem, in one line a user can run. */
export const RECALIBRATE_HINT = 'Rebuild the vectors with `npm run calibrate` (from a source checkout), or reinstall the extension.';

/**
 * Loads a vector file and checks it was built for this model: readings from
 * vectors of another model would be meaningless numbers, so a mismatch is an error.
 */
export async function loadVectorFile(path: string, model: { id: string; sha256: string }, hint = RECALIBRATE_HINT): Promise<VectorFile> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new VectorFileError(`the emotion vector file ${path} is missing (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}). ${hint}`);
  }
  let file: VectorFile;
  try {
    file = decodeVectorFile(bytes, path);
  } catch (error) {
    throw new VectorFileError(`${(error as Error).message}. ${hint}`);
  }
  const built = file.header.model;
  if (built.id !== model.id || built.sha256 !== model.sha256) {
    throw new VectorFileError(
      `the emotion vectors in ${path} were built for model ${built.id} (${built.sha256.slice(0, 12)}…), ` +
        `but the model in use is ${model.id} (${model.sha256.slice(0, 12)}…). ${hint}`,
    );
  }
  return file;
}
