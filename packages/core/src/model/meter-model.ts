import type { LanguageModel } from './language-model.js';

/** A model wrapper that adds up the cost the provider reports (AgentEvent carries tokens, not cost). */
export type MeteredModel = { readonly model: LanguageModel; costUsd(): number | undefined };

export function meterModel(model: LanguageModel): MeteredModel {
  let cost: number | undefined;
  const metered: LanguageModel = {
    specificationVersion: 'v1',
    provider: model.provider,
    modelId: model.modelId,
    async *doStream(options) {
      for await (const part of model.doStream(options)) {
        if (part.type === 'finish' && part.costUsd !== undefined) cost = (cost ?? 0) + part.costUsd;
        yield part;
      }
    },
  };
  return { model: metered, costUsd: () => cost };
}
