import {
  ConfigurationError,
  type LanguageModel,
  ModelCallError,
  type ModelCallOptions,
  type ModelStreamPart,
  ScriptExhaustedError,
} from '@codeact/core';
import type { RecordedEpisode } from './recorded-episode.js';

/** Where a replayed conversation stopped matching the recording (the replay goes on regardless). */
export type ReplayDivergence = {
  readonly taskId: string;
  /** 0-based turn whose input differed. */
  readonly turn: number;
  /** `prompt`: the first user message; `observation`: the message after turn `turn - 1`. */
  readonly kind: 'prompt' | 'observation';
};

export type ReplayModelOptions = {
  readonly episodes: Iterable<RecordedEpisode>;
  /** Default `replay`. */
  readonly modelId?: string | undefined;
};

const marker = Symbol.for('codeact.replay-model');

/**
 * A model that answers with recorded replies (MINT `results.jsonl` runs or codeact trajectories),
 * per task, in order. The turn is read off the conversation (one user message per turn after the
 * first), so an episode can be replayed again from the start. After the last recorded reply it
 * throws the recorded model error, if the run ended in one, else `ScriptExhaustedError`.
 * `recordedEpisode(taskId)` gives benchmarks the recorded observations, e.g. to serve results of a
 * tool that cannot be reached offline.
 *
 * @example
 * const model = await loadReplayModel('reference_outputs/CodeActAgent-Mistral-7b-v0.1/max5_p2+tool+cd');
 * await generateText(model, { messages, taskId: 'gsm8k/0' }); // the first recorded reply
 */
export class ReplayModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'replay';
  readonly modelId: string;
  protected readonly [marker] = true;
  private readonly byTask = new Map<string, RecordedEpisode>();
  private readonly divergenceLog: ReplayDivergence[] = [];

  constructor(options: ReplayModelOptions) {
    this.modelId = options.modelId ?? 'replay';
    for (const episode of options.episodes) {
      const existing = this.byTask.get(episode.taskId);
      if (existing) {
        throw new ConfigurationError(
          `Task ${episode.taskId} is recorded twice (${existing.source.file}:${existing.source.line} and ${episode.source.file}:${episode.source.line}); replay one run at a time.`,
        );
      }
      this.byTask.set(episode.taskId, episode);
    }
  }

  static isInstance(model: unknown): model is ReplayModel {
    return typeof model === 'object' && model !== null && marker in model;
  }

  /** The recorded episode of a task, if the replay holds one. */
  recordedEpisode(taskId: string): RecordedEpisode | undefined {
    return this.byTask.get(taskId);
  }

  /** Task ids in recording order. */
  taskIds(): string[] {
    return [...this.byTask.keys()];
  }

  /** Turns whose input differed from the recording so far. */
  divergences(): readonly ReplayDivergence[] {
    return this.divergenceLog;
  }

  private episodeFor(taskId: string | undefined): RecordedEpisode {
    if (taskId === undefined) {
      if (this.byTask.size === 1) return this.byTask.values().next().value as RecordedEpisode;
      throw new ConfigurationError(
        `The replay model ${this.modelId} holds ${this.byTask.size} tasks; calls need a task id.`,
      );
    }
    const episode = this.byTask.get(taskId);
    if (!episode) {
      throw new ScriptExhaustedError(`The replay ${this.modelId} has no recorded run of task ${taskId}.`);
    }
    return episode;
  }

  private checkInput(episode: RecordedEpisode, options: ModelCallOptions, turn: number): void {
    const users = options.messages.filter((message) => message.role === 'user');
    const last = users.at(-1)?.content;
    if (turn === 0 && episode.prompt !== undefined && last !== episode.prompt) {
      this.divergenceLog.push({ taskId: episode.taskId, turn, kind: 'prompt' });
    }
    const expected = turn > 0 ? episode.turns[turn - 1]?.observation : undefined;
    if (turn > 0 && expected !== undefined && last !== expected) {
      this.divergenceLog.push({ taskId: episode.taskId, turn, kind: 'observation' });
    }
  }

  async *doStream(options: ModelCallOptions): AsyncIterable<ModelStreamPart> {
    options.abortSignal?.throwIfAborted();
    const episode = this.episodeFor(options.taskId);
    const turn = Math.max(0, options.messages.filter((message) => message.role === 'user').length - 1);
    this.checkInput(episode, options, turn);
    const recorded = episode.turns[turn];
    if (!recorded) {
      if (turn === episode.turns.length && episode.outcome.modelError !== undefined) {
        throw new ModelCallError({ message: `Recorded model error: ${episode.outcome.modelError}` });
      }
      throw new ScriptExhaustedError(
        `The replay ${this.modelId} has ${episode.turns.length} recorded turns for task ${episode.taskId}; turn ${turn + 1} was asked for.`,
      );
    }
    if (recorded.reply !== '') yield { type: 'text-delta', text: recorded.reply };
    // Recordings carry no token counts: estimated at four characters a token, as the scripted model does.
    const input = options.messages.reduce((sum, message) => sum + Math.ceil(message.content.length / 4), 0);
    const usage = { inputTokens: input, outputTokens: Math.ceil(recorded.reply.length / 4) };
    yield { type: 'finish', finishReason: 'stop', usage };
  }
}
