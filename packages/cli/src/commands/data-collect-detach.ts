import { iterateTrajectories, type LanguageModel, type TrajectoryStore } from '@codeact/core';
import { collectionEpisodeId, type TaskRecord } from '@codeact/data';
import type { CliIo } from '../cli-io.js';
import type { CollectQueue } from './data-collect-queue.js';

/**
 * `codeact data collect --queue URL --detach`: enqueues every first-pass episode the store does not
 * hold yet and returns. Running the same command without `--detach` later re-attaches, saves what the
 * workers finished and runs the fallback pass.
 */
export async function detachCollection(
  options: {
    queue: CollectQueue;
    store: TrajectoryStore;
    dataset: string;
    tasks: readonly TaskRecord[];
    models: readonly LanguageModel[];
    json?: boolean | undefined;
  },
  io: CliIo,
): Promise<number> {
  const { dataset } = options;
  const stored = new Set<string>();
  for await (const trajectory of iterateTrajectories(options.store, { dataset })) stored.add(trajectory.id);
  let added = 0;
  let existing = 0;
  for (const task of options.tasks) {
    for (const model of options.models) {
      const key = `${model.provider}:${model.modelId}`;
      const trajectoryId = collectionEpisodeId(dataset, task.id, key);
      if (stored.has(trajectoryId)) continue;
      const info = { taskId: task.id, source: task.source, model: key, role: 'primary' as const, trajectoryId };
      if (await options.queue.enqueue({ info, task })) added += 1;
      else existing += 1;
    }
  }
  io.stdout.write(
    options.json
      ? `${JSON.stringify({ dataset, queued: added, existing, stored: stored.size })}\n`
      : `dataset ${dataset}: ${added} episodes queued, ${existing} already queued or done, ${stored.size} stored; follow with the same command without --detach\n`,
  );
  return 0;
}
