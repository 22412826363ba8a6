import { Command } from '../command';

/**
 * Subcommands whose engines arrive in later versions. They exist so the command
 * surface is stable, and they say plainly that they cannot run yet (exit 2).
 */
function pending(name: string, summary: string, usage: string): Command {
  return {
    name,
    summary,
    usage,
    async run(_argv, io) {
      io.stderr(`emotion-lens ${name}: not available in this version yet.\n`);
      return 2;
    },
  };
}

export const scan = pending('scan', 'Read sessions, score every completion, report alerts', 'emotion-lens scan PATH... [--json|--csv] [--fail-on-alert]');
export const score = pending('score', 'Score text against the 171 emotion vectors', 'emotion-lens score [--input FILE|-] [--emotions a,b] [--json]');
export const vectors = pending('vectors', 'Print the emotion vectors and their metadata', 'emotion-lens vectors [--json]');
export const validate = pending('validate', 'Measure the vectors on the held-out corpus', 'emotion-lens validate [--json] [--norms CSV]');
export const bench = pending('bench', 'Benchmark the model and the pipeline', 'emotion-lens bench [--json]');
