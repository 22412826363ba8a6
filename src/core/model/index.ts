/** The model layer's public surface: what the host, the CLI and later models use. */
export type { ActivationModel, ActivationOptions, Activations, Token } from './types';
export { UseLiteModel, DEFAULT_MAX_TOKENS, type UseLiteOptions } from './use-lite';
export { Tokenizer, type Vocabulary } from './tokenizer';
export { ModelFileError, readManifest, USE_LITE_ID, USE_LITE_MANIFEST, type ModelManifest } from './manifest';
export { planWindows, assignOwners, DEFAULT_WINDOW, DEFAULT_OVERLAP } from './windows';
