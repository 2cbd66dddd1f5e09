import type { LanguageModel } from '@codeact/core';

/** A recorded turn as replay models expose it (see `@codeact/models` `RecordedTurn`). */
export type RecordedTurnLike = { readonly reply: string; readonly observation?: string | undefined };

/** A recorded episode as replay models expose it (see `@codeact/models` `RecordedEpisode`). */
export type RecordedEpisodeLike = {
  readonly turns: readonly RecordedTurnLike[];
  readonly outcome: { readonly success: boolean | undefined; readonly reason: string | undefined };
};

/**
 * A model that can also hand out its recordings: `@codeact/models`' `ReplayModel` (`--model replay:DIR`).
 * Matched by shape so this package needs no dependency on the models package.
 */
export type RecordingModel = LanguageModel & {
  recordedEpisode(taskId: string): RecordedEpisodeLike | undefined;
  taskIds(): string[];
};

export function isRecordingModel(model: LanguageModel): model is RecordingModel {
  const candidate = model as Partial<RecordingModel>;
  return typeof candidate.recordedEpisode === 'function' && typeof candidate.taskIds === 'function';
}
