/**
 * Removes what wraps the real command in one simple command: env assignments,
 * `sudo`, `timeout 60`, `npx`, `uv run`, `poetry run`, containers (`docker
 * compose run app …`, `docker exec -it c …`, `kubectl exec pod -- …`), and
 * other shells (`bash -lc "…"`, `pwsh -Command "…"`, `cmd /c "…"`), whose
 * string is handed back to be read as a command line of its own.
 */

/** Wrappers that run the real command after them. */
const PREFIX =
  /^(?:(?:[A-Za-z_][A-Za-z0-9_]*=\S*\s+)+|sudo\s+(?:-\S+\s+)*|time\s+|nice\s+(?:-n\s+\d+\s+)?|command\s+|exec\s+|stdbuf\s+(?:-\S+\s+)*|env(?:\s+-\S+)*\s+|timeout\s+(?:-\S+\s+)*\d+\w?\s+|gtimeout\s+\d+\w?\s+|xvfb-run\s+(?:-\S+\s+)*|npx\s+(?:--?\S+\s+)*|pnpx\s+|bunx\s+(?:--?\S+\s+)*|pnpm\s+(?:exec|dlx)\s+|yarn\s+(?:exec|dlx)\s+|uv\s+run\s+(?:--?\S+\s+)*|uvx\s+|poetry\s+run\s+|pipenv\s+run\s+|hatch\s+run\s+(?:\S+:)?|pdm\s+run\s+|rye\s+run\s+|conda\s+run\s+(?:-\S+\s+\S+\s+)*|bundle\s+exec\s+|dotenv\s+(?:--\s+)?|python[\d.]*\s+-m\s+(?=pytest|unittest|nose|green|tox)|(?:\.{0,2}\/)?(?:[\w.-]+\/)*(?:node_modules\/\.bin|\.?venv\/bin|env\/bin)\/(?=\w))/;

/** Container options that take a value as the next word. */
const VALUE_OPTION = /^(?:-[ewuvpl]|--(?:env|env-file|workdir|user|volume|publish|label|name|entrypoint|network|platform|mount|service-ports|project-name|file|profile)|-f)$/;

/** `docker compose run [opts] svc CMD`, `docker exec [opts] c CMD`, `podman run [opts] img CMD`, `kubectl exec [opts] pod -- CMD`. */
function containerInner(cmd: string): string | undefined {
  const head = /^(?:docker|podman)(?:-compose|\s+compose)?\s+(?:(?:-f|--file|-p|--project-name)\s+\S+\s+)*(?:run|exec)\s+/.exec(cmd);
  if (head) {
    const words = cmd.slice(head[0].length).split(/\s+/);
    let i = 0;
    while (i < words.length && words[i].startsWith('-')) i += VALUE_OPTION.test(words[i]) ? 2 : 1;
    // words[i] is the service, container or image; the command follows it.
    const rest = words.slice(i + 1).join(' ');
    return rest || undefined;
  }
  const kube = /^kubectl\s+exec\b.*?\s--\s+(.+)$/.exec(cmd);
  return kube?.[1];
}

/** The string another shell runs: `bash -lc "…"`, `pwsh -NoProfile -Command "…"`, `cmd /c "…"`. */
function shellInner(cmd: string): string | undefined {
  const posix = /^(?:ba|z|da)?sh\s+(?:-\w+\s+)*-\w*c\s+(['"])([\s\S]*)\1$/.exec(cmd);
  if (posix) return posix[2];
  const pwsh = /^(?:pwsh|powershell)(?:\.exe)?\s+(?:-(?!c\b|Command\b)\w+(?:\s+(?!-)\w+)?\s+)*-(?:c|Command)\s+([\s\S]+)$/i.exec(cmd);
  if (pwsh) return unquote(pwsh[1]);
  const cmdExe = /^cmd(?:\.exe)?\s+(?:\/[a-bd-z]\s+)*\/[ck]\s+([\s\S]+)$/i.exec(cmd);
  if (cmdExe) return unquote(cmdExe[1]);
  return undefined;
}

function unquote(text: string): string {
  const t = text.trim();
  const m = /^(['"])([\s\S]*)\1$/.exec(t);
  return m ? m[2] : t.replace(/^&\s*\{\s*([\s\S]*?)\s*\}$/, '$1');
}

/** Strips wrappers from one simple command; a wrapper around a whole command line hands that line back as `inner`. */
export function unwrapCommand(part: string): { inner?: string; rest: string } {
  let current = part.trim();
  for (let guard = 0; guard < 12; guard++) {
    const stripped = current.replace(PREFIX, '').trim();
    if (stripped !== current) {
      current = stripped;
      continue;
    }
    const shell = shellInner(current);
    if (shell !== undefined) return { inner: shell, rest: current };
    const container = containerInner(current);
    if (container !== undefined) {
      // A container's command may itself be `sh -c "…"` or carry wrappers.
      current = container.trim();
      continue;
    }
    break;
  }
  return { rest: current };
}
