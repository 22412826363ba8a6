import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { TARGETS, Target } from './platforms';

/**
 * Copies the runtime parts of onnxruntime-node that one platform needs into
 * `<dist>/node_modules`, where the bundled extension's `require('onnxruntime-node')`
 * finds them. Only that platform's native binaries are copied: all platforms
 * together would make a ~110 MB VSIX. Returns the files copied, relative to dist.
 *
 * Throws when the installed onnxruntime-node ships no binding for the target, so a
 * VSIX that could never load the model is not written.
 */
export function stageRuntime(target: Target, distDir: string, nodeModules = 'node_modules'): string[] {
  const { os, arch } = TARGETS[target];
  const ortSource = join(nodeModules, 'onnxruntime-node');
  const napiDirs = readdirSync(join(ortSource, 'bin')).filter((d) => d.startsWith('napi-v'));
  const binaryDirs = napiDirs.map((napi) => join('bin', napi, os, arch)).filter((d) => existsSync(join(ortSource, d)));
  if (binaryDirs.length === 0 || !binaryDirs.some((d) => existsSync(join(ortSource, d, 'onnxruntime_binding.node')))) {
    throw new Error(
      `onnxruntime-node in ${ortSource} ships no onnxruntime_binding.node for ${os}/${arch}, ` +
        `so a ${target} VSIX could not run the model. Available: ${listAvailable(ortSource, napiDirs).join(', ')}.`,
    );
  }

  const staged = join(distDir, 'node_modules');
  rmSync(staged, { recursive: true, force: true });
  const notMap = (src: string): boolean => !src.endsWith('.map') && !src.endsWith('.d.ts');
  const ortTarget = join(staged, 'onnxruntime-node');
  mkdirSync(ortTarget, { recursive: true });
  cpSync(join(ortSource, 'package.json'), join(ortTarget, 'package.json'));
  cpSync(join(ortSource, 'dist'), join(ortTarget, 'dist'), { recursive: true, filter: notMap });
  for (const dir of binaryDirs) cpSync(join(ortSource, dir), join(ortTarget, dir), { recursive: true });

  const commonSource = join(nodeModules, 'onnxruntime-common');
  const commonTarget = join(staged, 'onnxruntime-common');
  mkdirSync(commonTarget, { recursive: true });
  cpSync(join(commonSource, 'package.json'), join(commonTarget, 'package.json'));
  cpSync(join(commonSource, 'dist', 'cjs'), join(commonTarget, 'dist', 'cjs'), { recursive: true, filter: notMap });

  return listFiles(staged).map((f) => join('node_modules', f));
}

function listAvailable(ortSource: string, napiDirs: string[]): string[] {
  return napiDirs.flatMap((napi) =>
    readdirSync(join(ortSource, 'bin', napi)).flatMap((os) =>
      readdirSync(join(ortSource, 'bin', napi, os)).map((arch) => `${os}/${arch}`),
    ),
  );
}

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? listFiles(join(dir, entry.name), join(prefix, entry.name))
      : [join(prefix, entry.name)],
  );
}
