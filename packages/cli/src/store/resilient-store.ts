import { CodeActError, capArtifacts, defaultMaxArtifactBytes, type TrajectoryStore } from '@codeact/core';

export type ResilientStoreOptions = {
  /** Told once, when a write is given up on. */
  readonly warn: (message: string) => void;
  /** Attempts per write. Default 6. */
  readonly attempts?: number;
  /** First wait between attempts, doubled each time (with jitter). Default 100 ms. */
  readonly initialDelayMs?: number;
  /** Base64 figure bytes kept per trajectory; figures beyond it are stored without their image. Default 2 MiB. */
  readonly maxArtifactBytes?: number;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `action` until it succeeds, waiting longer after each failure; a caller's mistake is not retried. */
export async function withRetries<T>(
  action: () => Promise<T> | T,
  attempts: number,
  initialDelayMs: number,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts || CodeActError.isInstance(error)) throw error;
      await sleep(initialDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
    }
  }
}

/**
 * A store whose trajectory writes never end a run: each write is retried with backoff (several
 * processes may share one SQLite file), and one that still fails is reported once and dropped.
 */
export function resilientStore(store: TrajectoryStore, options: ResilientStoreOptions): TrajectoryStore {
  const attempts = options.attempts ?? 6;
  const initialDelayMs = options.initialDelayMs ?? 100;
  const maxArtifactBytes = options.maxArtifactBytes ?? defaultMaxArtifactBytes;
  let warned = false;
  const giveUp = (error: unknown) => {
    if (warned) return;
    warned = true;
    const message = error instanceof Error ? error.message : String(error);
    options.warn(`could not save a trajectory (${message}); going on without saving it`);
  };
  const saveTrajectory: TrajectoryStore['saveTrajectory'] = (trajectory, save) =>
    withRetries(
      () => store.saveTrajectory(capArtifacts(trajectory, maxArtifactBytes), save),
      attempts,
      initialDelayMs,
    ).catch(giveUp);
  const saveTrajectories: TrajectoryStore['saveTrajectories'] = (trajectories, save) =>
    withRetries(
      () =>
        store.saveTrajectories(
          trajectories.map((trajectory) => capArtifacts(trajectory, maxArtifactBytes)),
          save,
        ),
      attempts,
      initialDelayMs,
    ).catch(giveUp);
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'saveTrajectory') return saveTrajectory;
      if (property === 'saveTrajectories') return saveTrajectories;
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
