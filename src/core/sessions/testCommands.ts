/**
 * Reads a shell command line for what it runs: a known test runner, a script
 * named like a test or a checker, or only commands that show, search or install
 * things (whose output may quote a verdict without any test having run). Agents
 * wrap commands in `cd`, env vars, pipes, `timeout`, containers and other
 * shells, so a command line is split into its simple commands and each one is
 * unwrapped first.
 */
import { unwrapCommand } from './commandWrappers';

/** [runner name, pattern on one simple command with wrappers removed] */
const RUNNERS: Array<[string, RegExp]> = [
  ['npm', /^(?:npm|pnpm|yarn|bun)\s+(?:run(?:-script)?\s+)?(?:test|t|tests|test:[\w:.-]+|ci:test|unit|e2e)(?:\s|$)/],
  ['bun', /^bun\s+test\b/],
  ['jest', /^(?:jest|vitest|mocha|ava|tap|jasmine|karma\s+start|playwright\s+test|cypress\s+run|tsx\s+--test|ts-mocha)\b/],
  ['node', /^(?:node|tsx)\s+(?:[^|;&]*\s)?--test\b/],
  ['deno', /^deno\s+test\b/],
  ['pytest', /^(?:pytest|py\.test|tox|nox|hatch\s+test)\b/],
  ['unittest', /^(?:python[\d.]*\s+(?:-\w+\s+)*-m\s+)?(?:unittest|nose2?|green)\b/],
  ['unittest', /^python[\d.]*\s+(?:-\w+\s+)*\S*(?:runtests|manage\.py\s+test)\b/],
  ['go', /^go\s+test\b/],
  ['cargo', /^cargo\s+(?:test|nextest\s+run|t)\b/],
  ['maven', /^(?:mvn|\.\/mvnw|mvnw)\b.*\b(?:test|verify|integration-test)\b/],
  ['gradle', /^(?:gradle|\.\/gradlew|gradlew)\b.*\b(?:test|check|connectedCheck)\b/],
  ['dotnet', /^dotnet\s+test\b/],
  ['rspec', /^(?:rspec|rake\s+(?:test|spec)|rails\s+test|bin\/rails\s+test|ruby\s+-Itest)\b/],
  ['phpunit', /^(?:\S*\/)?(?:phpunit|pest|paratest)\b|^(?:php\s+)?artisan\s+test\b|^composer\s+test\b/],
  ['ctest', /^ctest\b/],
  ['make', /^make\s+(?:[^|;&]*\s)?(?:test|tests|check|unittest|test-\w+)(?:\s|$)/],
  ['mix', /^mix\s+test\b/],
  ['swift', /^swift\s+test\b/],
  ['dart', /^(?:flutter|dart)\s+test\b/],
  ['bazel', /^(?:bazel|bazelisk)\s+test\b/],
  ['sbt', /^sbt\b.*\btest\b/],
  ['haskell', /^(?:stack|cabal)\s+test\b/],
  ['pester', /^Invoke-Pester\b/i],
];

/** SWE-agent style reproduction scripts stand in for a test suite, so they count as test runs. */
const REPRO_SCRIPT = /^python[\d.]*\s+(?:-\w+\s+)*\S*(?:reproduce|repro)[\w.-]*\.py\b/;

/** Interpreters that run a script named as their first argument. */
const INTERPRETER =
  /^(?:python[\d.]*|py|pypy3?|node|tsx|ts-node|bun(?:\s+run)?|deno\s+run(?:\s+-\S+)*|ruby|php|perl|bash|sh|zsh|pwsh(?:\.exe)?\s+-File|powershell(?:\.exe)?\s+-File|go\s+run)(?:\s+-{1,2}[\w-]+(?:=\S+)?)*\s+(\S+)/i;
/** A script run by its path: `./run_tests.sh`, `.\run_tests.ps1`, `& ./test.ps1`. */
const BY_PATH = /^(?:&\s*)?((?:\.{1,2}[\\/]|\/)\S+)/;
/** File names of test and checker scripts. */
const TEST_SCRIPT_NAME =
  /^(?:test_[\w.-]*|[\w.-]+_test|tests?|check(?:er|s)?(?:[_-][\w.-]*)?|run[_-]?tests?(?:[_-][\w.-]*)?|runtests|[\w.-]+\.(?:test|spec))\.(?:py|js|mjs|cjs|ts|mts|cts|jsx|tsx|sh|bash|rb|php|pl|go|ps1|bat|cmd)$/i;

/**
 * Commands that show, search, compare, install or track files. Their output can
 * quote a test verdict (`cat results.txt`, `git log`, `grep -r FAILED`) without
 * any test running now.
 */
const SHOWS_ONLY =
  /^(?:cat|tac|less|more|head|tail|bat|nl|grep|egrep|fgrep|rg|ag|ack|find|fd|ls|dir|tree|stat|file|wc|sort|uniq|cut|tr|echo|printf|diff|cmp|sed|awk|jq|yq|xxd|od|hexdump|strings|git|hg|svn|gh|pip[\d.]*|pipx|python[\d.]*\s+-m\s+(?:pip|venv)|uv\s+(?:pip|add|sync|lock)|poetry\s+(?:add|install|lock|show)|conda|apt(?:-get)?|brew|npm\s+(?:i|install|ci|ls|view|info|outdated|audit)|pnpm\s+(?:i|install|add)|yarn\s+(?:add|install)|cargo\s+(?:add|install|tree)|go\s+(?:get|mod|list|vet|doc)|cd|pushd|popd|pwd|which|where|type|whereis|open|view|code|vim?|nano|touch|mkdir|rm|cp|mv|chmod|chown|ln|tee|sleep|true|false|exit|export|set|unset|source|\.|clear|history|curl|wget|Get-Content|gc|Select-String|sls|Get-ChildItem|gci|Write-Host|Write-Output|Set-Location|sl)(?:\s|$)/i;

/** What a command line runs, as far as test runs are concerned. */
export interface CommandReading {
  /** The known test runner it invokes. */
  runner?: string;
  /** A script named like a test or a checker that it runs directly. */
  script?: string;
  /** True when every simple command only shows, searches or installs things. */
  showsOnly: boolean;
  /**
   * Set when the reported exit code is not the test's: a pipe (`| tail`), a
   * following `echo $?` or `|| true`. Says what hides it, for the reason text.
   */
  exitHiddenBy?: string;
  /** Set when the command line ends in `echo $?` (or its PowerShell/cmd form): the real exit code is printed last. */
  echoesExit: boolean;
}

/**
 * Splits on shell separators outside quotes: `&&`, `||`, `;`, `|`, `&` (not in
 * `2>&1` or `&>`), newlines; `$(…)` and backticks are read as commands of their own. Quoted text stays whole, so
 * `bash -c "cd x && pytest"` keeps its string for a reading of its own.
 */
export function simpleCommands(line: string): string[] {
  const parts: string[] = [];
  // `$(…)` and backticks run commands of their own; the command around them goes on after them.
  const command = line.replace(/\$\(([^()]*)\)|`([^`]*)`/g, (_m, a: string | undefined, b: string | undefined) => {
    parts.push(...simpleCommands(a ?? b ?? ''));
    return '_';
  });
  let start = 0;
  let quote = '';
  const cut = (end: number, skip: number) => {
    parts.push(command.slice(start, end));
    start = end + skip;
  };
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '\\') i++;
    else if (((c === '&' || c === '|') && command[i + 1] === c) || (c === '$' && command[i + 1] === '(')) {
      cut(i, 2);
      i++;
    } else if (c === ';' || c === '\n' || c === '`' || c === '|') cut(i, 1);
    else if (c === '&' && command[i - 1] !== '>' && command[i + 1] !== '>') cut(i, 1);
  }
  // An unbalanced quote (an apostrophe in a heredoc) would hide every separator after it.
  if (quote) return simpleCommands(line.replace(/['"]/g, ' '));
  cut(command.length, 0);
  return parts.map((part) => part.trim().replace(/^[({]\s*/, '').replace(/\s*[)}]$/, '').trim()).filter(Boolean);
}

function scriptOf(cmd: string): string | undefined {
  const target = INTERPRETER.exec(cmd)?.[1] ?? BY_PATH.exec(cmd)?.[1];
  if (!target) return undefined;
  const name = target.replace(/^['"]|['"]$/g, '').split(/[\\/]/).pop() ?? '';
  return TEST_SCRIPT_NAME.test(name) ? name : undefined;
}

/** Reads one simple command (wrappers already removed) for what it runs. */
function readSimple(cmd: string): { runner?: string; script?: string; showsOnly: boolean } {
  if (REPRO_SCRIPT.test(cmd)) return { runner: 'repro-script', showsOnly: false };
  for (const [name, pattern] of RUNNERS) if (pattern.test(cmd)) return { runner: name, showsOnly: false };
  const script = scriptOf(cmd);
  if (script) return { script, showsOnly: false };
  return { showsOnly: SHOWS_ONLY.test(cmd) };
}

const ECHO_EXIT = /^(?:echo|printf|Write-(?:Host|Output))\b.*(?:\$\?|\$LASTEXITCODE|%ERRORLEVEL%|\$\{PIPESTATUS)/i;
const PIPE_TO = /\|\s*(tail|head|tee|grep|less|more|cat|sed|awk|sort|Select-Object|Select-String|Out-String|Out-File)\b/i;

/** Reads a command line, looking into `bash -c "…"`, `pwsh -Command "…"`, `cmd /c "…"` and containers. */
export function readCommand(command: string, depth = 0): CommandReading {
  const reading: CommandReading = { showsOnly: true, echoesExit: false };
  if (!command || command.length > 20_000 || depth > 3) return { ...reading, showsOnly: false };
  const parts = simpleCommands(command);
  for (const part of parts) {
    const { inner, rest } = unwrapCommand(part);
    if (inner !== undefined) {
      const nested = readCommand(inner, depth + 1);
      reading.runner ??= nested.runner;
      reading.script ??= nested.script;
      reading.showsOnly &&= nested.showsOnly;
      reading.exitHiddenBy ??= nested.exitHiddenBy;
      reading.echoesExit ||= nested.echoesExit;
      continue;
    }
    const simple = readSimple(rest);
    reading.runner ??= simple.runner;
    if (!reading.runner) reading.script ??= simple.script;
    reading.showsOnly &&= simple.showsOnly;
  }
  if (reading.runner) delete reading.script;
  if (parts.length === 0) reading.showsOnly = false;
  // Only the last simple command's exit code reaches the tool: what comes after the test decides it.
  const last = parts.at(-1) ?? '';
  const unquoted = command.replace(/'[^']*'|"(?:[^"\\]|\\.)*"/g, '');
  const pipe = /\bpipefail\b/.test(command) ? null : PIPE_TO.exec(unquoted);
  // `a; b` reports b's exit code whatever a did (`a && b` only runs b when a passed).
  const lastSeparator = /(?:&&|\|\||[;\n|]|(?<![>&])&(?![>&]))(?=[^;&|\n]*$)/.exec(unquoted.trimEnd())?.[0];
  // After a pipe, `echo $?` prints the last stage's code; only PIPESTATUS holds the test's.
  if (parts.length > 1 && ECHO_EXIT.test(last) && (!pipe || /PIPESTATUS/.test(last))) {
    reading.echoesExit = true;
    reading.exitHiddenBy = '`echo $?`';
  } else {
    if (pipe) reading.exitHiddenBy = `\`| ${pipe[1]}\``;
    else if (/\|\|\s*(?:true|:|echo\b|exit\s+0)/.test(command)) reading.exitHiddenBy = '`|| true`';
    else if (parts.length > 1 && /^(?:;|\n|&)$/.test(lastSeparator ?? '') && (last === ':' || readSimple(unwrapCommand(last).rest).showsOnly)) {
      reading.exitHiddenBy = `\`; ${last.split(/\s+/)[0]}\``;
    }
  }
  return reading;
}

/** The runner a command invokes, or undefined when it runs no tests. */
export function recogniseTestCommand(command: string): string | undefined {
  return readCommand(command).runner;
}
