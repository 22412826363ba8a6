/**
 * Aider: <repo>/.aider.chat.history.md. The user's lines start with "#### ", aider's own with
 * "> "; edits are SEARCH/REPLACE blocks in the reply. Aider runs nothing itself: the person's
 * `/run` or `/test` does, so an assistant turn's runs are written as the user's commands after it,
 * and its reads as `/add`.
 */
import { LoopSpec, SpecAction, SpecClock } from './spec';

export function renderAider(spec: LoopSpec): Record<string, string> {
  const clock = new SpecClock(spec.id);
  const start = clock.tick(0).toISOString().replace('T', ' ').slice(0, 19);
  const out: string[] = [`\n# aider chat started at ${start}\n`, '> Aider v0.86.1  ', '> Model: gpt-5 with diff edit format  ', '> Git repo: .git with 42 files  ', ''];
  const lang = fence(spec.language);
  let lastWasAssistant = false;
  for (const turn of spec.turns) {
    if (turn.role === 'user') {
      out.push(`#### ${turn.text.replace(/\n/g, '  \n')}  `, '');
      lastWasAssistant = false;
      continue;
    }
    // Two replies in a row need a prompt between them, as the person always types one.
    if (lastWasAssistant) out.push('#### go on  ', '');
    const actions = turn.actions ?? [];
    for (const read of actions.filter((a) => a.type === 'read')) out.push(`#### /add ${(read as { path: string }).path}  `, '', `> Added ${(read as { path: string }).path} to the chat  `, '');
    out.push(turn.text, '');
    for (const action of actions) {
      if (action.type !== 'edit' && action.type !== 'write') continue;
      const [search, replace] = action.type === 'edit' ? [action.old, action.new] : ['', action.content];
      out.push(action.path, '```' + lang, '<<<<<<< SEARCH', ...(search ? [search] : []), '=======', ...(replace ? [replace] : []), '>>>>>>> REPLACE', '```', '');
    }
    const edited = actions.filter((a): a is Extract<SpecAction, { path: string }> => a.type === 'edit' || a.type === 'write');
    if (edited.length) out.push('> Tokens: 4.2k sent, 310 received.  ', ...edited.map((a) => `> Applied edit to ${a.path}  `), '');
    lastWasAssistant = true;
    for (const action of actions) {
      if (action.type !== 'run') continue;
      const verb = /\b(?:test|pytest|jest|vitest|spec)\b/.test(action.command) ? 'test' : 'run';
      out.push(`#### /${verb} ${action.command}  `, '');
      out.push(...action.output.split('\n').map((l) => `> ${l}  `), '');
      clock.tick(30);
      lastWasAssistant = false;
    }
  }
  return { [`${spec.workspace.replace(/^\//, '')}/.aider.chat.history.md`]: out.join('\n') + '\n' };
}

function fence(language: string | undefined): string {
  const map: Record<string, string> = { python: 'python', typescript: 'typescript', javascript: 'javascript', go: 'go', rust: 'rust', java: 'java' };
  return map[(language ?? '').toLowerCase()] ?? '';
}
