import { describe, expect, it } from 'vitest';
import { readReply } from '../agent/read-reply.js';
import { CodeActError } from '../errors/codeact-error.js';
import type { LanguageModel, ModelCallOptions, ModelStreamPart } from '../model/language-model.js';

export type ModelContractOptions = {
  readonly name: string;
  /** A model whose next call streams `reply` and ends normally. */
  readonly createModel: (reply: string) => LanguageModel | Promise<LanguageModel>;
  /**
   * Whether `createModel` can play a given reply. Models whose text cannot be chosen (a local model)
   * pass `false`: the cases about content are skipped, the ones about form still run.
   */
  readonly scriptable?: boolean;
  /** A model whose next call fails as the provider would (an HTTP error, a broken recording). */
  readonly createFailingModel?: () => LanguageModel | Promise<LanguageModel>;
};

const call: ModelCallOptions = {
  messages: [
    { role: 'system', content: 'Write Python in <execute> tags.' },
    { role: 'user', content: 'Print 1.' },
  ],
  maxOutputTokens: 64,
};
const reply =
  'Printing it.\n<execute>\nprint(1)\n</execute> and then an invented Observation: 1 <solution>1</solution>';

async function collect(parts: AsyncIterable<ModelStreamPart>): Promise<ModelStreamPart[]> {
  const collected: ModelStreamPart[] = [];
  for await (const part of parts) collected.push(part);
  return collected;
}

/**
 * The cases every `LanguageModel` passes (the loop relies on them): text deltas then exactly one
 * `finish` part, last; usage reported; an abort honoured before and during the stream; failures
 * thrown as typed `CodeActError`s; stop sequences honoured by the model or cut by the loop's reader.
 * Run it in each implementation's package, like `executorContract`.
 */
export function modelContract(options: ModelContractOptions): void {
  const scriptable = options.scriptable ?? true;
  describe(`model contract: ${options.name}`, () => {
    it('streams text deltas and ends with exactly one finish part, last', async () => {
      const model = await options.createModel(reply);
      const parts = await collect(model.doStream(call));
      expect(parts.filter((part) => part.type === 'finish')).toHaveLength(1);
      expect(parts.at(-1)?.type).toBe('finish');
      const text = parts.map((part) => (part.type === 'text-delta' ? part.text : '')).join('');
      expect(text.length).toBeGreaterThan(0);
      if (scriptable) expect(reply.startsWith(text)).toBe(true);
    });

    it('reports usage in the finish part', async () => {
      const model = await options.createModel(reply);
      const finish = (await collect(model.doStream(call))).at(-1);
      if (finish?.type !== 'finish') throw new Error('no finish part');
      expect(finish.usage.inputTokens).toBeGreaterThan(0);
      expect(finish.usage.outputTokens).toBeGreaterThan(0);
    });

    it('honours an abort signal aborted before the call', async () => {
      const model = await options.createModel(reply);
      const controller = new AbortController();
      const reason = new Error('stopped by the contract');
      controller.abort(reason);
      await expect(collect(model.doStream({ ...call, abortSignal: controller.signal }))).rejects.toBeDefined();
    });

    it('honours an abort during the stream: no finish part after it', async () => {
      const model = await options.createModel(reply);
      const controller = new AbortController();
      const parts: ModelStreamPart[] = [];
      const reading = (async () => {
        for await (const part of model.doStream({ ...call, abortSignal: controller.signal })) {
          parts.push(part);
          if (part.type === 'text-delta') controller.abort(new Error('stopped mid-stream'));
        }
      })();
      const outcome = await reading.then(
        () => 'ended',
        () => 'threw',
      );
      // Either the stream threw, or it had already ended before the abort took effect.
      if (outcome === 'ended') expect(parts.at(-1)?.type).toBe('finish');
      expect(parts.filter((part) => part.type === 'finish').length).toBeLessThanOrEqual(1);
    });

    if (options.createFailingModel) {
      const createFailingModel = options.createFailingModel;
      it('throws failures as typed CodeActErrors', async () => {
        const model = await createFailingModel();
        const error = await collect(model.doStream(call)).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(CodeActError.isInstance(error)).toBe(true);
        expect((error as CodeActError).code).toMatch(/^[A-Z_]+$/);
      });
    }

    if (scriptable) {
      it('ends at a stop sequence, or the loop cuts the reply there', async () => {
        const model = await options.createModel(reply);
        const result = await readReply(model, {
          ...call,
          stopSequences: ['</execute>'],
          maxReplyChars: 1 << 20,
          onDelta: () => {},
        });
        expect(['Printing it.\n<execute>\nprint(1)\n</execute>', 'Printing it.\n<execute>\nprint(1)\n']).toContain(
          result.text,
        );
      });
    }
  });
}
