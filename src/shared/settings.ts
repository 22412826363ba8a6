/**
 * The typed mirror of `contributes.configuration` in package.json. The host reads
 * settings only through this shape; a unit test checks that every contributed
 * setting appears here with the same default, and nothing else does.
 */
import { ASSISTANT_IDS, type AssistantId } from './assistants';

export interface AlertSettings {
  enabled: boolean;
  /** Consecutive failing test runs that make a failing loop. */
  minFailingRuns: number;
  /** Rise of `desperate` above the session baseline, in neutral standard deviations. */
  desperationThreshold: number;
  cooldownMinutes: number;
  /** Failing runs in a row that raise the long-loop notice; 0 turns it off. */
  longLoopRuns: number;
}

export interface EmotionLensSettings {
  sessionFolders: string[];
  assistants: AssistantId[];
  emotionsShown: string[];
  alert: AlertSettings;
  /** A local ONNX language model's folder; empty means the embedded model. */
  modelPath: string;
  /** The local model's layer to read (0-based); null reads the residual at two-thirds of its depth. */
  modelLayer: number | null;
  /** The "Download a Model" command may reach the network (only when the user runs it). */
  allowModelDownloads: boolean;
}

export const SETTINGS_SECTION = 'emotionLens';

export const DEFAULT_SETTINGS: EmotionLensSettings = {
  sessionFolders: [],
  assistants: [...ASSISTANT_IDS],
  emotionsShown: ['desperate', 'calm', 'frustrated', 'afraid', 'hopeful'],
  alert: { enabled: true, minFailingRuns: 3, desperationThreshold: 2, cooldownMinutes: 10, longLoopRuns: 6 },
  modelPath: '',
  modelLayer: null,
  allowModelDownloads: true,
};

/**
 * The flat keys VS Code uses (`alert.enabled`, …) with their defaults, derived
 * from DEFAULT_SETTINGS so the two cannot drift apart.
 */
export function flattenSettings(settings: EmotionLensSettings = DEFAULT_SETTINGS): Record<string, unknown> {
  const flat: Record<string, unknown> = {};
  const walk = (value: unknown, prefix: string): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, prefix ? `${prefix}.${key}` : key);
    } else {
      flat[prefix] = value;
    }
  };
  walk(settings, '');
  return flat;
}
