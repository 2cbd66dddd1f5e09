import { ScriptExhaustedError } from '../errors/script-exhausted-error.js';
import type { LanguageModel, ModelCallOptions, ModelStreamPart } from '../model/language-model.js';

/** One scripted reply: fixed text, an error to throw, or a function of the call. */
export type ScriptedStep =
  | { readonly type: 'reply'; readonly text: string; readonly chunkSize?: number }
  | { readonly type: 'error'; readonly error: unknown }
  | { readonly type: 'responder'; readonly respond: (call: ModelCallOptions) => string | Promise<string> };

/** A reply whose text is code in `<execute>` tags, with an optional thought before it. */
export function modelCode(code: string, thought = ''): ScriptedStep {
  return { type: 'reply', text: `${thought ? `${thought}\n` : ''}<execute>\n${code}\n</execute>` };
}

/** A reply with a final answer in `<solution>` tags. */
export function modelAnswer(answer: string, thought = ''): ScriptedStep {
  return { type: 'reply', text: `${thought ? `${thought} ` : ''}<solution>${answer}</solution>` };
}

/** A reply of exactly `text`. */
export function modelText(text: string): ScriptedStep {
  return { type: 'reply', text };
}

export function modelError(error: unknown): ScriptedStep {
  return { type: 'error', error };
}

export function modelResponder(respond: (call: ModelCallOptions) => string | Promise<string>): ScriptedStep {
  return { type: 'responder', respond };
}

export type ScriptedModelOptions = {
  /** Replies for calls without a task id, consumed in order. */
  readonly steps?: readonly ScriptedStep[];
  /** Replies per task id, consumed in order, for calls that carry that task id. */
  readonly tasks?: ReadonlyMap<string, readonly ScriptedStep[]>;
  readonly modelId?: string;
  /** Streamed chunk size in characters. Default 16. */
  readonly chunkSize?: number;
  /**
   * Play replies in full even past a stop sequence, like a server that ignores them. By default the
   * reply ends before the first stop sequence, as OpenAI-compatible servers do.
   */
  readonly ignoreStopSequences?: boolean;
};

function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/**
 * A model that plays back scripted replies: the basis of reproducible runs and of the test suite.
 * Records every call; running out of replies is a `ScriptExhaustedError`.
 */
export class ScriptedModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'script';
  readonly modelId: string;
  readonly calls: ModelCallOptions[] = [];
  private readonly queues = new Map<string | undefined, ScriptedStep[]>();
  private readonly chunkSize: number;
  private readonly ignoreStopSequences: boolean;

  constructor(stepsOrOptions: readonly ScriptedStep[] | ScriptedModelOptions) {
    const options = Array.isArray(stepsOrOptions)
      ? { steps: stepsOrOptions as readonly ScriptedStep[] }
      : (stepsOrOptions as ScriptedModelOptions);
    this.modelId = options.modelId ?? 'scripted';
    this.chunkSize = options.chunkSize ?? 16;
    this.ignoreStopSequences = options.ignoreStopSequences ?? false;
    this.queues.set(undefined, [...(options.steps ?? [])]);
    for (const [task, steps] of options.tasks ?? []) this.queues.set(task, [...steps]);
  }

  get lastCall(): ModelCallOptions | undefined {
    return this.calls.at(-1);
  }

  /** Replies not yet consumed, per task (`''` for the untasked queue). */
  remaining(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [task, steps] of this.queues) if (steps.length > 0) counts.set(task ?? '', steps.length);
    return counts;
  }

  /** Throws when scripted replies were left unused. */
  assertComplete(): void {
    const left = this.remaining();
    if (left.size > 0) {
      const detail = [...left].map(([task, count]) => `${task || '(no task)'}: ${count}`).join(', ');
      throw new Error(`Scripted model has unused replies: ${detail}`);
    }
  }

  async *doStream(options: ModelCallOptions): AsyncIterable<ModelStreamPart> {
    this.calls.push(options);
    const key = options.taskId !== undefined && this.queues.has(options.taskId) ? options.taskId : undefined;
    const step = this.queues.get(key)?.shift();
    if (!step) {
      const unknownTask = options.taskId !== undefined && key === undefined;
      const where =
        options.taskId === undefined
          ? ''
          : unknownTask
            ? ` for task ${options.taskId} (the script names no such task)`
            : ` for task ${options.taskId}`;
      throw new ScriptExhaustedError(
        `The scripted model ${this.modelId} has no reply left${where} (call ${this.calls.length}). Add more replies to the script.`,
      );
    }
    if (step.type === 'error') throw step.error;
    const full = step.type === 'reply' ? step.text : await step.respond(options);
    const text = this.ignoreStopSequences ? full : cutAtStop(full, options.stopSequences ?? []);
    const chunkSize = (step.type === 'reply' ? step.chunkSize : undefined) ?? this.chunkSize;
    for (let index = 0; index < text.length; index += chunkSize) {
      options.abortSignal?.throwIfAborted();
      yield { type: 'text-delta', text: text.slice(index, index + chunkSize) };
    }
    const input = options.messages.reduce((sum, message) => sum + estimateTokens(message.content), 0);
    yield { type: 'finish', finishReason: 'stop', usage: { inputTokens: input, outputTokens: estimateTokens(text) } };
  }
}

function cutAtStop(text: string, stops: readonly string[]): string {
  let end = text.length;
  for (const stop of stops) {
    const index = stop ? text.indexOf(stop) : -1;
    if (index !== -1 && index < end) end = index;
  }
  return text.slice(0, end);
}
