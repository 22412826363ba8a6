/**
 * A shell command that shows one file whole (`cat f`, `nl -ba f`, `sed -n '1,400p' f`
 * on a file shorter than 400 lines, `head -n 200 f`, `Get-Content f`): agents that
 * read through the shell (Codex, Gemini's and Cline's shell tools) then tell
 * the session what the file held, as a read tool would. A range that may have
 * cut the file is a partial read.
 */

export interface ShellRead {
  path: string;
  partial: boolean;
}

const QUOTED_OR_BARE = String.raw`(?:'([^'\s]+)'|"([^"\s]+)"|([^\s'"|;&<>$*?]+))`;
const CAT = new RegExp(String.raw`^(?:cat(?:\s+-n)?|nl\s+-ba|type|Get-Content(?:\s+-Raw)?|gc)\s+(?:-(?:Path|LiteralPath)\s+)?${QUOTED_OR_BARE}\s*$`, 'i');
/** `nl -ba f | sed -n '1,200p'`, Codex's favourite: numbered lines (the builder strips the gutter), cut at the range. */
const NUMBERED_RANGE = new RegExp(String.raw`^(?:nl\s+-ba|cat\s+-n)\s+${QUOTED_OR_BARE}\s*\|\s*sed\s+-n\s+['"]?(\d+),(\d+)p['"]?\s*$`);
const SED_RANGE = new RegExp(String.raw`^sed\s+-n\s+['"]?(\d+),(\d+)p['"]?\s+${QUOTED_OR_BARE}\s*$`);
const HEAD = new RegExp(String.raw`^head\s+(?:-n\s*|-)(\d+)\s+${QUOTED_OR_BARE}\s*$`);
/** Output a shell prints instead of a file. */
const NOT_A_FILE = /^(?:cat|sed|head|type|Get-Content): |No such file or directory|Is a directory|cannot find path|Permission denied/i;

/** The file a successful command showed, or undefined when it is no single-file display. */
export function shellRead(command: string, output: string, exitCode: number | undefined, failed: boolean | undefined): ShellRead | undefined {
  if (failed || (exitCode !== undefined && exitCode !== 0) || command.length > 500) return undefined;
  // `cd dir && cat f` reads f in dir; the path is kept as the command gives it.
  const cmd = command.trim().replace(/^cd\s+\S+\s*&&\s*/, '');
  if (NOT_A_FILE.test(output.slice(0, 300))) return undefined;
  const lines = output.replace(/\n$/, '').split('\n').length;
  const cat = CAT.exec(cmd);
  if (cat) return looksLikeFile(pathOf(cat, 1)) ? { path: pathOf(cat, 1), partial: false } : undefined;
  const sed = SED_RANGE.exec(cmd);
  if (sed) {
    const path = pathOf(sed, 3);
    // Fewer lines than the range asked for: the file ended first, so the whole file is shown.
    return looksLikeFile(path) ? { path, partial: sed[1] !== '1' || lines >= Number(sed[2]) } : undefined;
  }
  const numbered = NUMBERED_RANGE.exec(cmd);
  if (numbered) {
    const path = pathOf(numbered, 1);
    return looksLikeFile(path) ? { path, partial: numbered[4] !== '1' || lines >= Number(numbered[5]) } : undefined;
  }
  const head = HEAD.exec(cmd);
  if (head) return looksLikeFile(pathOf(head, 2)) ? { path: pathOf(head, 2), partial: lines >= Number(head[1]) } : undefined;
  return undefined;
}

function pathOf(m: RegExpExecArray, from: number): string {
  return m[from] ?? m[from + 1] ?? m[from + 2] ?? '';
}

/** A file path, not an option or a device. */
function looksLikeFile(path: string): boolean {
  return path !== '' && !path.startsWith('-') && !/^\/dev\//.test(path) && /[./\\]/.test(path);
}
