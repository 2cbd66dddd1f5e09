/** One episode: a task run by one model. */
export type EpisodeInfo = {
  readonly taskId: string;
  readonly source: string;
  /** `provider:modelId`. */
  readonly model: string;
  /** `primary` for the collection's models, `fallback` for the stronger model on unsolved tasks. */
  readonly role: 'primary' | 'fallback';
  readonly trajectoryId: string;
};

export type CollectSummary = {
  /** Episodes the collection needs in all (tasks × models, plus fallback episodes known so far). */
  readonly planned: number;
  /** Already in the store from an earlier run: skipped. */
  readonly skipped: number;
  /** Run and saved by this call. */
  readonly completed: number;
  readonly solved: number;
  /** Episodes that ended in a run-ending error (not saved; a resumed collection retries them). */
  readonly failed: number;
  readonly fallback: { readonly planned: number; readonly completed: number; readonly solved: number };
  /** The collection was stopped by its abort signal before it finished. */
  readonly aborted: boolean;
};

/**
 * Progress hooks, all optional (vitest-style reporter). Called in order for each episode:
 * `onEpisodeStart`, then `onEpisodeEnd` or `onEpisodeError`.
 */
export type CollectReporter = {
  onCollectStart?(plan: { readonly planned: number; readonly skipped: number; readonly tasks: number }): void;
  onEpisodeStart?(episode: EpisodeInfo): void;
  onEpisodeEnd?(episode: EpisodeInfo & { readonly success: boolean; readonly turns: number }): void;
  onEpisodeError?(episode: EpisodeInfo & { readonly error: unknown }): void;
  onFallbackStart?(plan: { readonly planned: number; readonly skipped: number }): void;
  onCollectEnd?(summary: CollectSummary): void;
};
