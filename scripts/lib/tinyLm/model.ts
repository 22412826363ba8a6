/**
 * Assembles the tiny LM's ONNX model in one of Optimum's file layouts:
 * - `single`: `model.onnx` of `text-generation-with-past` (inputs input_ids, attention_mask,
 *   position_ids, past_key_values.{i}.key|value; outputs logits, present.{i}.key|value);
 * - `merged`: the legacy `decoder_model_merged.onnx`, the same inputs plus `use_cache_branch`,
 *   and one `If` node whose branches are the with-past and without-past decoders sharing
 *   the main graph's initializers.
 */
import type { onnx } from 'onnx-proto';
import { buildDecoder, type DecoderOutputs, type LmShape } from './decoder';
import { GraphBuilder, modelProto, valueInfo, type Dim } from './onnxGraph';
import { Weights, type WeightPlan } from './weights';

export type Layout = 'single' | 'merged';

/** Symbolic dimension names as Optimum writes them. */
const BATCH = 'batch_size';
const SEQ = 'sequence_length';
const PAST = 'past_sequence_length';
const TOTAL = 'past_sequence_length + sequence_length';

export interface BuiltModel {
  model: onnx.IModelProto;
  parameters: number;
}

export function buildModel(shape: LmShape, plan: WeightPlan, layout: Layout, producerVersion: string): BuiltModel {
  const fp = plan.dtype;
  const main = new GraphBuilder('main_graph');
  const weights = new Weights(main, plan);
  const kvDims = (len: Dim): Dim[] => [BATCH, shape.kvHeads, len, shape.headDim];

  main.input('input_ids', 'int64', [BATCH, SEQ]);
  main.input('attention_mask', 'int64', [BATCH, TOTAL]);
  main.input('position_ids', 'int64', [BATCH, SEQ]);
  for (let i = 0; i < shape.layers; i++) {
    main.input(`past_key_values.${i}.key`, fp, kvDims(PAST));
    main.input(`past_key_values.${i}.value`, fp, kvDims(PAST));
  }
  const graphOutputs: DecoderOutputs = {
    logits: 'logits',
    presentKey: (i) => `present.${i}.key`,
    presentValue: (i) => `present.${i}.value`,
  };

  if (layout === 'single') {
    buildDecoder(main, weights, shape, true, graphOutputs);
  } else {
    main.input('use_cache_branch', 'bool', [1]);
    const branch = (withPast: boolean): onnx.IGraphProto => {
      const suffix = withPast ? 'with_past' : 'without_past';
      const b = new GraphBuilder(`optimum::${suffix}`);
      const names: DecoderOutputs = {
        logits: `logits_${suffix}`,
        presentKey: (i) => `present.${i}.key_${suffix}`,
        presentValue: (i) => `present.${i}.value_${suffix}`,
      };
      buildDecoder(b, weights, shape, withPast, names);
      // Branch outputs carry no shapes: the two branches' sequence lengths differ.
      b.outputs.push(valueInfo(names.logits, fp));
      for (let i = 0; i < shape.layers; i++) {
        b.outputs.push(valueInfo(names.presentKey(i), fp), valueInfo(names.presentValue(i), fp));
      }
      return b.graph();
    };
    const outputs = [graphOutputs.logits];
    for (let i = 0; i < shape.layers; i++) outputs.push(graphOutputs.presentKey(i), graphOutputs.presentValue(i));
    main.node('If', '', ['use_cache_branch'], {
      name: 'optimum::if',
      attrs: { then_branch: { g: branch(true) }, else_branch: { g: branch(false) } },
      outputs,
    });
  }

  main.output('logits', fp, [BATCH, SEQ, shape.vocab]);
  for (let i = 0; i < shape.layers; i++) {
    main.output(`present.${i}.key`, fp, kvDims(TOTAL));
    main.output(`present.${i}.value`, fp, kvDims(TOTAL));
  }

  const variant = plan.int8 ? 'int8' : fp === 'float16' ? 'fp16' : 'fp32';
  const model = modelProto(main.graph(), {
    opset: 17,
    producerVersion,
    docString: 'Emotion Lens tiny test LM: Qwen2-shaped, RANDOM weights, for tests only.',
    metadata: { model_type: 'qwen2', layout, variant, seed: String(plan.seed) },
  });
  return { model, parameters: weights.parameters };
}
