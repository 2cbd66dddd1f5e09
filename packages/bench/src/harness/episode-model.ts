import type { LanguageModel } from '@codeact/core';

type WithScript = { remaining?: () => ReadonlyMap<string, number> };

/**
 * The model as one episode sees it. Calls carry the task id, so scripted models (`script:FILE`) answer
 * per task. When a scripted model has replies for `<format>:<task id>`, that key is used instead, so a
 * script can give each format its own replies.
 */
export function episodeModel(model: LanguageModel, taskId: string, format: string): LanguageModel {
  const remaining = (model as LanguageModel & WithScript).remaining;
  if (typeof remaining !== 'function') return model;
  const key = `${format}:${taskId}`;
  if (!remaining.call(model).has(key)) return model;
  return {
    specificationVersion: model.specificationVersion,
    provider: model.provider,
    modelId: model.modelId,
    doStream: (options) => model.doStream({ ...options, taskId: key }),
  };
}
