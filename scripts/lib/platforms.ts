/**
 * VS Code's platform targets that the packaging script knows, mapped to the folder
 * names onnxruntime-node uses for its prebuilt binaries.
 */
export const TARGETS = {
  'linux-x64': { os: 'linux', arch: 'x64' },
  'linux-arm64': { os: 'linux', arch: 'arm64' },
  'darwin-x64': { os: 'darwin', arch: 'x64' },
  'darwin-arm64': { os: 'darwin', arch: 'arm64' },
  'win32-x64': { os: 'win32', arch: 'x64' },
  'win32-arm64': { os: 'win32', arch: 'arm64' },
} as const;

export type Target = keyof typeof TARGETS;

export function isTarget(value: string): value is Target {
  return Object.hasOwn(TARGETS, value);
}

/** The VS Code target of the machine running this script, if it is one we package for. */
export function hostTarget(): Target | undefined {
  const candidate = `${process.platform}-${process.arch}`;
  return isTarget(candidate) ? candidate : undefined;
}
