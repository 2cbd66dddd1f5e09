import {
  CodeActError,
  ConfigurationError,
  type Executor,
  type ExecutorPoolStats,
  ExecutorUnavailableError,
  type LanguageModel,
} from '@codeact/core';
import type { InterpreterInfo, ModelInfo } from '../server-types.js';

/** The models a server offers. Clients pick by `id` from `models`; nothing else is ever resolved. */
export type ModelCatalog = {
  readonly models: readonly ModelInfo[];
  readonly defaultModel: string;
  /** The model for an id from `models` (the same instance for the same id). */
  resolve(id: string): Promise<LanguageModel>;
};

/** The interpreters a server offers; one executor per kind, one session per conversation. */
export type InterpreterCatalog = {
  readonly defaultInterpreter: string;
  list(): Promise<readonly InterpreterInfo[]>;
  /** The shared executor for `id`; rejects with `ExecutorUnavailableError` when it cannot run here. */
  get(id: string): Promise<Executor>;
  /** The warm pools of the executors started so far, by interpreter id (none is started for this). */
  pools(): Record<string, ExecutorPoolStats>;
  dispose(): Promise<void>;
};

/**
 * A model catalog over a fixed list. Each entry is a model or a factory called once, on first use
 * (so a missing API key only matters when that model is picked).
 */
export function createModelCatalog(
  entries: readonly {
    readonly id: string;
    readonly label?: string;
    readonly model: LanguageModel | (() => Promise<LanguageModel>);
  }[],
  defaultModel?: string,
): ModelCatalog {
  if (entries.length === 0) throw new ConfigurationError('The server needs at least one model.');
  const resolved = new Map<string, Promise<LanguageModel>>();
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  return {
    models: entries.map(({ id, label }) => ({ id, label: label ?? id })),
    defaultModel: defaultModel ?? (entries[0] as { id: string }).id,
    resolve(id) {
      const entry = byId.get(id);
      if (!entry) return Promise.reject(new ConfigurationError(`unknown model ${id}`));
      let model = resolved.get(id);
      if (!model) {
        const source = entry.model;
        model = typeof source === 'function' ? source() : Promise.resolve(source);
        model.catch(() => resolved.delete(id));
        resolved.set(id, model);
      }
      return model;
    },
  };
}

export type InterpreterEntry = {
  readonly id: string;
  readonly label?: string;
  /** Builds the executor; may reject with `ExecutorUnavailableError` (e.g. no bubblewrap). */
  readonly create: () => Promise<{ executor: Executor; explanation: string }>;
  /**
   * Says whether it can run without building it (for heavy executors such as Pyodide's warm pool).
   * Without it, listing builds the executor.
   */
  readonly describe?: () => Promise<{ available: boolean; description: string }>;
};

/** An interpreter catalog whose executors are created once, on first use or listing. */
export function createInterpreterCatalog(
  entries: readonly InterpreterEntry[],
  defaultInterpreter?: string,
): InterpreterCatalog {
  if (entries.length === 0) throw new ConfigurationError('The server needs at least one interpreter.');
  const created = new Map<string, Promise<{ executor: Executor; explanation: string }>>();
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  /** Executors whose creation has finished (the stats never wait for one being built). */
  const started = new Map<string, Executor>();
  const load = (id: string) => {
    const entry = byId.get(id);
    if (!entry) return Promise.reject(new ConfigurationError(`unknown interpreter ${id}`));
    let result = created.get(id);
    if (!result) {
      result = entry.create();
      result.then(
        ({ executor }) => started.set(id, executor),
        () => {},
      );
      created.set(id, result);
    }
    return result;
  };
  return {
    defaultInterpreter: defaultInterpreter ?? (entries[0] as { id: string }).id,
    async list() {
      return Promise.all(
        entries.map(async ({ id, label, describe }) => {
          if (describe && !created.has(id)) return { id, label: label ?? id, ...(await describe()) };
          try {
            const { explanation } = await load(id);
            return { id, label: label ?? id, available: true, description: explanation };
          } catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            return { id, label: label ?? id, available: false, description: message };
          }
        }),
      );
    },
    async get(id) {
      try {
        return (await load(id)).executor;
      } catch (error) {
        if (CodeActError.isInstance(error)) throw error;
        throw new ExecutorUnavailableError(error instanceof Error ? error.message : String(error));
      }
    },
    pools() {
      const pools: Record<string, ExecutorPoolStats> = {};
      for (const [id, executor] of started) {
        const stats = executor.poolStats?.();
        if (stats) pools[id] = stats;
      }
      return pools;
    },
    async dispose() {
      const all = await Promise.allSettled(created.values());
      created.clear();
      started.clear();
      await Promise.allSettled(
        all.flatMap((result) => (result.status === 'fulfilled' ? [result.value.executor.dispose()] : [])),
      );
    },
  };
}
