/**
 * Names of the nodes in USE-lite's TF.js graph that the ONNX model's outputs
 * reproduce. The converter checks they exist; the parity tests and the
 * benchmark read them from TF.js to compare.
 */
const K = 'module_apply_default/Encoder_en/KonaTransformer/';

export const USE_LITE_TFJS_NODES = {
  layer0: `${K}Encode/TransformerStack/Layer_0/TransformerLayer/FFN/layer_postprocess/add`,
  layer1: `${K}Encode/TransformerStack/Layer_1/TransformerLayer/FFN/layer_postprocess/add`,
  pooled: `${K}div`,
  embedding: 'module_apply_default/Encoder_en/hidden_layers/l2_normalize',
} as const;

export type UseLiteOutput = keyof typeof USE_LITE_TFJS_NODES;
