import { parseTrajectory, type Trajectory } from '@codeact/core';
import type { RecordedEpisode } from './recorded-episode.js';

/** A codeact trajectory as a recorded episode: each step's raw reply, then its observation. */
export function trajectoryToEpisode(trajectory: Trajectory, source: { file: string; line: number }): RecordedEpisode {
  const { outcome } = trajectory;
  const mint = trajectory.metadata?.mint as { success?: unknown } | undefined;
  const success = typeof mint?.success === 'boolean' ? mint.success : outcome.status === 'answer';
  return {
    taskId: trajectory.taskId ?? trajectory.id,
    prompt: trajectory.messages.find((message) => message.role === 'user')?.content,
    turns: trajectory.steps.map((step) => ({
      reply: step.reply.raw ?? step.reply.text,
      observation: step.observation,
    })),
    outcome: {
      success,
      reason: outcome.reason ?? outcome.status,
      ...(outcome.status === 'error' && outcome.error?.code === 'MODEL_CALL'
        ? { modelError: outcome.error.message }
        : {}),
    },
    source: { format: 'trajectory', ...source },
  };
}

export type ReadTrajectoryEpisodesResult =
  | { readonly success: true; readonly value: RecordedEpisode[]; readonly error?: never }
  | { readonly success: false; readonly value?: never; readonly error: string };

/** Parses trajectory JSONL (core's `Trajectory` schema, one run per line). */
export function readTrajectoryEpisodes(text: string, options: { file: string }): ReadTrajectoryEpisodesResult {
  const episodes: RecordedEpisode[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const parsed = parseTrajectory(line);
    if (!parsed.success) return { success: false, error: `${options.file}:${index + 1}: ${parsed.error}` };
    episodes.push(trajectoryToEpisode(parsed.value, { file: options.file, line: index + 1 }));
  }
  return { success: true, value: episodes };
}
