import { type ActionMode, type ApiBankData, type ApiBankInstance, actionModes } from './api-bank-data.js';
import { judgeReply } from './api-bank-episode.js';
import { repairInstance } from './fixed-mode.js';
import { renderIdealCall } from './protocol/render-api-call.js';
import type { ApiBankMode } from './tool-manager.js';

/** The instances a mode scores: all 399 faithfully, the 389 distinct ones when fixed. */
export function apiBankInstances(data: ApiBankData, mode: ApiBankMode): readonly ApiBankInstance[] {
  return mode === 'fixed' ? data.instances.filter((instance) => instance.duplicateOf === null) : data.instances;
}

/** The perfect answer for an instance: its ground-truth call (repaired in fixed mode) written in the format. */
export function idealReply(instance: ApiBankInstance, format: ActionMode, mode: ApiBankMode): string {
  const groundTruth = (mode === 'fixed' ? repairInstance(instance) : instance).groundTruth;
  const input = groundTruth.result.get('input');
  return renderIdealCall(groundTruth.apiName, input?.type === 'dict' ? input : null, format);
}

export type Ceilings = Readonly<Record<ActionMode, { readonly correct: ReadonlySet<string>; readonly total: number }>>;

const cache = new WeakMap<ApiBankData, Map<ApiBankMode, Ceilings>>();

/** Which instances a perfect answer wins, per format: the offline ceiling of the protocol (computed once per data and mode). */
export function computeCeilings(data: ApiBankData, mode: ApiBankMode): Ceilings {
  const cached = cache.get(data)?.get(mode);
  if (cached) return cached;
  const ceilings = replayCeilings(data, mode);
  const byMode = cache.get(data) ?? new Map<ApiBankMode, Ceilings>();
  byMode.set(mode, ceilings);
  cache.set(data, byMode);
  return ceilings;
}

function replayCeilings(data: ApiBankData, mode: ApiBankMode): Ceilings {
  const instances = apiBankInstances(data, mode);
  const ceilings = {} as Record<ActionMode, { correct: Set<string>; total: number }>;
  for (const format of actionModes) {
    const correct = new Set<string>();
    for (const instance of instances) {
      if (judgeReply({ data, instance, format, mode }, idealReply(instance, format, mode)).correct) {
        correct.add(instance.instanceId);
      }
    }
    ceilings[format] = { correct, total: instances.length };
  }
  return ceilings;
}
