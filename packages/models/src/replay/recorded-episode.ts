/** One model turn of a recorded run. */
export type RecordedTurn = {
  /** The reply as the model produced it; `''` when it produced nothing. */
  readonly reply: string;
  /** The environment's message after this turn, when the run went on. */
  readonly observation?: string | undefined;
};

/** How a recorded run ended. */
export type RecordedOutcome = {
  /** Whether the task was solved, when the recording says. */
  readonly success: boolean | undefined;
  /** MINT's `terminate_reason` (`task_success`, `max_steps`, …) or a trajectory's outcome status. */
  readonly reason: string | undefined;
  /** The model call after the last turn failed with this message (MINT `terminate_reason: "error"`). */
  readonly modelError?: string | undefined;
};

/** A recorded episode of one task, from a MINT `results.jsonl` line or a codeact trajectory. */
export type RecordedEpisode = {
  /** `<family>/<task id>` for MINT files (`gsm8k/0`); the trajectory's `taskId` (or `id`) otherwise. */
  readonly taskId: string;
  /** The first user message as recorded. */
  readonly prompt: string | undefined;
  readonly turns: readonly RecordedTurn[];
  readonly outcome: RecordedOutcome;
  readonly source: {
    readonly format: 'mint' | 'trajectory';
    readonly file: string;
    /** 1-based line in `file`. */
    readonly line: number;
  };
};
