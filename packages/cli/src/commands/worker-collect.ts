import { ConfigurationError, type TrajectoryStore } from '@codeact/core';
import type { CollectedEpisode } from '@codeact/data';
import type { CollectContext, CollectEpisodeJob } from '@codeact/queue';

/**
 * How `codeact worker` runs a collection episode from `data collect --queue`: the task's built-in
 * checker and tools, the job's budgets, this worker's interpreter; the trajectory is saved to the
 * worker's store under the collection's dataset (the same id a local collection gives it) and returned.
 */
export function createCollectHandler(
  store: TrajectoryStore | undefined,
): (job: CollectEpisodeJob, context: CollectContext) => Promise<CollectedEpisode> {
  return async (job, context) => {
    const { TaskRecord, builtinCheckers, runCollectionEpisode } = await import('@codeact/data');
    const { createWikipediaSearchTool } = await import('@codeact/mint');
    const task = TaskRecord.parse(job.task);
    const checker = builtinCheckers[task.checker];
    if (!checker) throw new ConfigurationError(`this worker has no checker "${task.checker}" (task ${task.id}).`);
    const tools: Record<string, ReturnType<typeof createWikipediaSearchTool>> = {
      wikipedia_search: createWikipediaSearchTool(),
    };
    const missing = task.tools.filter((name) => !tools[name]);
    if (missing.length > 0)
      throw new ConfigurationError(`this worker has no tool ${missing.join(', ')} (task ${task.id}).`);
    const number = (name: string) =>
      typeof job.settings[name] === 'number' ? (job.settings[name] as number) : undefined;
    const episode = await runCollectionEpisode({
      task,
      model: context.model,
      executor: await context.executor(),
      checker,
      tools: task.tools.map((name) => tools[name] as ReturnType<typeof createWikipediaSearchTool>),
      dataset: job.dataset,
      role: job.role,
      k: number('k'),
      maxProposals: number('maxProposals'),
      temperature: number('temperature'),
      maxOutputTokens: number('maxOutputTokens'),
      actionTimeoutMs: number('actionTimeoutMs'),
      abortSignal: context.abortSignal,
    });
    await store?.saveTrajectory(episode.trajectory, { dataset: job.dataset });
    return episode;
  };
}
