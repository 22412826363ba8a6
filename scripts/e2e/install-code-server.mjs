#!/usr/bin/env node
/**
 * Installs code-server (a real VS Code: workbench, extension host, webviews, served to a
 * browser) for the end-to-end tests, into a cache folder outside the project's
 * node_modules: `.tmp/code-server` (or $EMOTION_LENS_CODE_SERVER_DIR).
 *
 * Why not a devDependency: it is ~300 MB with native builds (kerberos, node-pty, argon2)
 * that need Debian headers (libkrb5-dev), and a postinstall that runs two more npm
 * installs. As a devDependency every `npm ci` (and so every unit-test run and every
 * developer's first install) would pay 3-5 minutes and fail on a machine without those
 * headers. Here it is installed once, on the first end-to-end run, from the pinned
 * manifest and lock file beside this script (scripts/e2e/code-server/), and reused while
 * that lock file, the Node major and the CPU architecture are unchanged.
 *
 * Offline: nothing is downloaded but npm packages. The one dependency that fetches a
 * binary from elsewhere, @vscode/ripgrep (inside code-server's VS Code), first looks in
 * $TMPDIR/vscode-ripgrep-cache-<version>/ for its release tarball; we put there a tarball
 * holding Debian's /usr/bin/rg (package `ripgrep`, installed by scripts/install-test-deps.sh).
 *
 * Prints the path of the code-server launcher on its last line. Exit 1 with a message
 * saying what is missing when it cannot install.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, openSync, closeSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const manifestDir = join(here, 'code-server');

const CODE_SERVER_VERSION = JSON.parse(readFileSync(join(manifestDir, 'package.json'), 'utf8')).dependencies['code-server'];

/** The version code-server's VS Code (1.100.3) pins, and the release it fetches. */
const RIPGREP_PACKAGE_VERSION = '1.15.11';
const RIPGREP_RELEASE = 'v13.0.0-10';
const RIPGREP_TARGETS = { x64: 'x86_64-unknown-linux-musl', arm64: 'aarch64-unknown-linux-musl' };

export function codeServerDir() {
  if (process.env.EMOTION_LENS_CODE_SERVER_DIR) return resolve(process.env.EMOTION_LENS_CODE_SERVER_DIR);
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'emotion-lens', 'e2e', `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerBin(dir = codeServerDir()) {
  return join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

/** What the installed copy must have been made from; a change means reinstall. */
function stamp() {
  const lock = readFileSync(join(manifestDir, 'package-lock.json'));
  const hash = createHash('sha256').update(lock).digest('hex').slice(0, 16);
  return `lock ${hash} node ${process.versions.node.split('.')[0]} ${process.platform}-${process.arch}\n`;
}

function fail(message) {
  console.error(`install-code-server: ${message}`);
  process.exit(1);
}

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function checkPrerequisites() {
  const missing = [];
  if (process.platform !== 'linux') fail(`the end-to-end tests run on Linux only (this is ${process.platform})`);
  if (process.versions.node.split('.')[0] !== '20') fail(`code-server 4.100.3 needs Node 20 (this is ${process.version})`);
  if (!RIPGREP_TARGETS[process.arch]) fail(`no ripgrep target for ${process.arch}`);
  if (!which('rg')) missing.push('ripgrep (the rg binary)');
  if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/gssapi.h')) missing.push('libkrb5-dev (gssapi headers)');
  if (!which('make') || !which('g++')) missing.push('make and g++ (native modules are built from source)');
  if (missing.length) fail(`missing ${missing.join(', ')}: run \`npm run test:deps\` first`);
}

/** The tarball @vscode/ripgrep's postinstall takes instead of downloading, made from Debian's rg. */
function stageRipgrep(tmp) {
  const cache = join(tmp, `vscode-ripgrep-cache-${RIPGREP_PACKAGE_VERSION}`);
  const stage = join(tmp, 'rg-stage');
  mkdirSync(cache, { recursive: true });
  mkdirSync(stage, { recursive: true });
  copyFileSync(which('rg'), join(stage, 'rg'));
  const asset = join(cache, `ripgrep-${RIPGREP_RELEASE}-${RIPGREP_TARGETS[process.arch]}.tar.gz`);
  const tar = spawnSync('tar', ['-czf', asset, '-C', stage, 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) fail('could not make the ripgrep tarball');
}

function verify(dir) {
  const vscode = join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  const problems = [];
  const modules = join(vscode, 'node_modules');
  if (!existsSync(modules) || readdirSync(modules).length < 50) problems.push(`${modules} is not populated (code-server's postinstall did not run)`);
  if (!existsSync(join(modules, '@vscode', 'ripgrep', 'bin', 'rg'))) problems.push('@vscode/ripgrep has no rg binary');
  if (!existsSync(join(modules, 'node-pty', 'build', 'Release', 'pty.node'))) problems.push('node-pty was not built');
  if (!existsSync(codeServerBin(dir))) problems.push('the code-server entry point is missing');
  return problems;
}

export function installCodeServer({ quiet = false } = {}) {
  const dir = codeServerDir();
  const stampFile = join(dir, '.installed');
  const want = stamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === want && verify(dir).length === 0) {
    if (!quiet) console.log(`install-code-server: already installed in ${dir}`);
    return codeServerBin(dir);
  }
  checkPrerequisites();
  console.log(`install-code-server: installing code-server into ${dir} (first run on this machine only; 3-6 minutes)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(manifestDir, f), join(dir, f));
  const tmp = mkdtempSync(join(tmpdir(), 'el-code-server-install-'));
  const logPath = join(dir, 'install.log');
  try {
    stageRipgrep(tmp);
    const started = Date.now();
    const log = openSync(logPath, 'w');
    const npm = spawnSync('npm', ['ci', '--no-audit', '--no-fund', '--foreground-scripts'], {
      cwd: dir,
      stdio: ['ignore', log, log],
      env: {
        ...process.env,
        TMPDIR: tmp,
        // code-server's postinstall refuses to run as root without it; node-pty's runs `npx node-gyp`.
        npm_config_unsafe_perm: 'true',
        npm_config_yes: 'true',
        npm_config_update_notifier: 'false',
        // Build native modules here rather than try their prebuilt-binary hosts first
        // (argon2's node-pre-gyp and kerberos' prebuild-install would ask GitHub).
        npm_config_build_from_source: 'true',
      },
    });
    closeSync(log);
    const problems = npm.status === 0 ? verify(dir) : [`npm ci exited ${npm.status}`];
    if (problems.length) {
      const lines = readFileSync(logPath, 'utf8').split('\n');
      console.error(lines.slice(-60).join('\n'));
      fail(`${problems.join('; ')} (full log: ${logPath})`);
    }
    writeFileSync(stampFile, want);
    console.log(`install-code-server: done in ${Math.round((Date.now() - started) / 1000)} s`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return codeServerBin(dir);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(installCodeServer());
}
