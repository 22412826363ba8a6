/** Pure helpers of the valence/arousal map. */
import type { CompletionPoint } from '../../src/shared/protocol';
import type { TimelineModel } from './timelineModel';
import { formatZ } from './timelineData';

/** How many completions the trail shows, ending at the selected one. */
export const TRAIL_LENGTH = 12;

/**
 * The completions of the trail, oldest first: up to the selected one, else up to the
 * latest. Completions too short (or unfit) to read are left out: their position on the
 * map is noise, as their readings are.
 */
export function trail(model: TimelineModel | undefined, selected: number | undefined, length = TRAIL_LENGTH): CompletionPoint[] {
  if (!model || model.completions.length === 0) return [];
  const at = selected === undefined ? -1 : model.positionOf(selected);
  const end = at >= 0 ? at + 1 : model.completions.length;
  const out: CompletionPoint[] = [];
  for (let i = end - 1; i >= 0 && out.length < length; i--) if (model.completions[i].unreadable === undefined) out.push(model.completions[i]);
  return out.reverse();
}

/** The map's caption: where the trail ends, and why a selected completion is not on it. */
export function mapCaption(steps: readonly CompletionPoint[], selected: CompletionPoint | undefined): string {
  const last = steps[steps.length - 1];
  const unread = selected && selected.unreadable !== undefined ? `Completion #${selected.index} was not read: ${selected.unreadable}; it is not on the map. ` : '';
  if (!last) return unread.trim() || 'Pick a session to see where its completions lie.';
  return `${unread}Completion #${last.index} at PC1 ${formatZ(last.pos[0])}, PC2 ${formatZ(last.pos[1])}; the line traces the ${steps.length} read completions up to it.`;
}
