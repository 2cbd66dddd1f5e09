import { createHash } from 'node:crypto';
import { ConfigurationError, type Trajectory } from '@codeact/core';
import { shuffled } from '../random/seeded-random.js';
import {
  interactionMessages,
  invalidActionCount,
  isErrorObservation,
  isSuccessful,
  trajectorySource,
  turnCount,
} from '../trajectory-facts.js';
import { defineFilter, defineStage, type TrajectoryStage } from './trajectory-stage.js';

/** Solved tasks only (spec §2.3 rule 1). */
export function success(): TrajectoryStage {
  return defineFilter('success', isSuccessful);
}

/** At least `turns` assistant turns. `minTurns(3)` is the paper's "more than 2 turns" (rule 2). */
export function minTurns(turns: number): TrajectoryStage {
  return defineFilter(`min-turns(${turns})`, (trajectory) => turnCount(trajectory) >= turns);
}

/** At most `turns` assistant turns. */
export function maxTurns(turns: number): TrajectoryStage {
  return defineFilter(`max-turns(${turns})`, (trajectory) => turnCount(trajectory) <= turns);
}

/** Drops whole sources; the original dropped `strategyqa` for its shortcuts (rule 3). */
export function excludeSources(sources: readonly string[]): TrajectoryStage {
  const excluded = new Set(sources);
  return defineFilter(
    `exclude-sources(${sources.join(',')})`,
    (trajectory) => !excluded.has(trajectorySource(trajectory)),
  );
}

/** Keeps only the named sources. */
export function includeSources(sources: readonly string[]): TrajectoryStage {
  const included = new Set(sources);
  return defineFilter(`include-sources(${sources.join(',')})`, (trajectory) =>
    included.has(trajectorySource(trajectory)),
  );
}

/** Rule 4, "code as actions": not every non-final turn was an unparseable action. */
export function codeAsActions(): TrajectoryStage {
  return defineFilter('code-as-actions', (trajectory) => invalidActionCount(trajectory) !== turnCount(trajectory) - 1);
}

/** Rule 5: without the prompt and the final assistant turn, the history has even length (turns in step). */
export function evenHistory(): TrajectoryStage {
  return defineFilter(
    'even-history',
    (trajectory) => Math.max(interactionMessages(trajectory).length - 1, 0) % 2 === 0,
  );
}

/**
 * Rule 6: pair each non-final assistant turn with the reply after it; drop the trajectory when every
 * pair is bad (an earlier `<solution>`, or `<execute>` answered with an `Error`).
 */
export function notAllFailed(): TrajectoryStage {
  return defineFilter('not-all-failed', (trajectory) => {
    const middle = interactionMessages(trajectory).slice(0, -1);
    for (let index = 0; index + 1 < middle.length; index += 2) {
      const assistant = middle[index]?.content ?? '';
      const reply = middle[index + 1]?.content ?? '';
      const bad = assistant.includes('<solution>') || (assistant.includes('<execute>') && isErrorObservation(reply));
      if (!bad) return true;
    }
    return false;
  });
}

/**
 * The filter CodeActInstruct was actually built with (spec §2.3, from the original notebooks):
 * success, more than 2 turns, no StrategyQA, code as actions, even history, not all turns failed.
 * As separate stages, so the funnel shows what each rule removed (8,580 → 6,985 → 6,955 → 6,728).
 */
export function originalRule(options: { readonly excludeSources?: readonly string[] } = {}): TrajectoryStage[] {
  return [
    success(),
    minTurns(3),
    excludeSources(options.excludeSources ?? ['strategyqa']),
    codeAsActions(),
    evenHistory(),
    notAllFailed(),
  ];
}

/**
 * The paper's self-improvement rule as stated in §3.1 ("initially encounters errors but rectifies
 * these inaccuracies in later interactions"), which the original code never tested: a code turn whose
 * observation has an `Error`, a later code turn whose observation has none, and final success.
 * Stricter than `originalRule`.
 */
export function selfImprovement(): TrajectoryStage {
  return defineFilter('self-improvement', (trajectory) => {
    if (!isSuccessful(trajectory)) return false;
    const messages = interactionMessages(trajectory);
    let sawError = false;
    for (const [index, message] of messages.entries()) {
      const text = message.content;
      if (message.role !== 'assistant' || text.includes('<solution>') || !text.includes('<execute>')) continue;
      const reply = messages[index + 1];
      if (reply?.role !== 'user') continue;
      if (isErrorObservation(reply.content)) sawError = true;
      else if (sawError) return true;
    }
    return false;
  });
}

export type DedupKey = 'task-model' | 'task' | 'content';

function dedupKey(trajectory: Trajectory, by: DedupKey): string {
  const task = `${trajectorySource(trajectory)}\u0000${trajectory.taskId ?? trajectory.id}`;
  if (by === 'task') return task;
  if (by === 'task-model') return `${task}\u0000${trajectory.model.provider}:${trajectory.model.modelId}`;
  return createHash('sha256').update(JSON.stringify(trajectory.messages)).digest('hex');
}

/**
 * Keeps the first trajectory per key. `task-model` (default) is the original's only dedup (one run per
 * task and model, as resumed runs repeat); `task` keeps one per task; `content` drops identical conversations.
 */
export function dedup(options: { readonly by?: DedupKey } = {}): TrajectoryStage {
  const by = options.by ?? 'task-model';
  return defineStage(`dedup(${by})`, async function* (source) {
    const seen = new Set<string>();
    for await (const trajectory of source) {
      const key = dedupKey(trajectory, by);
      if (seen.has(key)) continue;
      seen.add(key);
      yield trajectory;
    }
  });
}

export type DownsampleOptions = {
  /** Most trajectories per source: one number for all, or per source name (`*` for the rest). */
  readonly perSource: number | Readonly<Record<string, number>>;
  /** Default 42, as the original's `random_state`. */
  readonly seed?: number;
};

/**
 * Keeps a seeded random sample of at most N trajectories per source, in input order. Reads the
 * whole input before yielding.
 */
export function downsample(options: DownsampleOptions): TrajectoryStage {
  const limitFor = (source: string): number => {
    if (typeof options.perSource === 'number') return options.perSource;
    return options.perSource[source] ?? options.perSource['*'] ?? Number.POSITIVE_INFINITY;
  };
  const label =
    typeof options.perSource === 'number'
      ? String(options.perSource)
      : Object.entries(options.perSource)
          .map(([source, limit]) => `${source}=${limit}`)
          .join(',');
  for (const limit of typeof options.perSource === 'number' ? [options.perSource] : Object.values(options.perSource)) {
    if (!Number.isInteger(limit) || limit < 0)
      throw new ConfigurationError(`downsample limits must be whole numbers, got ${limit}`);
  }
  return defineStage(`downsample(${label})`, async function* (source) {
    const all: Trajectory[] = [];
    const bySource = new Map<string, number[]>();
    for await (const trajectory of source) {
      const name = trajectorySource(trajectory);
      const indexes = bySource.get(name) ?? [];
      indexes.push(all.length);
      bySource.set(name, indexes);
      all.push(trajectory);
    }
    const keep = new Set<number>();
    for (const [name, indexes] of bySource) {
      const limit = limitFor(name);
      const chosen = indexes.length <= limit ? indexes : shuffled(indexes, options.seed ?? 42).slice(0, limit);
      for (const index of chosen) keep.add(index);
    }
    for (const [index, trajectory] of all.entries()) if (keep.has(index)) yield trajectory;
  });
}
