import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Usage,
  SharedV3Warning,
} from '@ai-sdk/provider';
import { ConfigurationError, type Tool } from '@codeact/core';
import { compileActionGrammar } from '../grammar/action-grammar.js';
import {
  type ActionGrammarOption,
  isActionGrammarName,
  selectActionGrammar,
} from '../grammar/select-action-grammar.js';
import { toolSignatures } from '../grammar/tool-signatures.js';
import { parseModelSource } from '../model-file/model-source.js';
import { type ResolveModelFileOptions, resolveModelFile } from '../model-file/resolve-model-file.js';
import type { Env } from '../runtime/cache-dir.js';
import { defaultThreadCount } from '../runtime/default-thread-count.js';
import type { LocalRuntimeSettings } from '../runtime/local-runtime.js';
import type { ChatHistoryItem, LlamaLogLevel } from '../runtime/node-llama-cpp-api.js';
import { type GenerationGrammar, getLocalEngine, type LocalEngine } from './local-engine.js';

export type LocalModelSettings = {
  /** A GGUF file path, `hf:<owner>/<repo>/<file>.gguf` (downloaded once) or an `https://` URL. */
  readonly model: string;
  /** Shown in trajectories. Default: `model` as given. */
  readonly modelId?: string | undefined;
  /** Base for a relative model path. Default `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** Constrains every reply to one action. Default `auto` (the format the prompt asks for). */
  readonly grammar?: ActionGrammarOption | undefined;
  /** Tools the JSON grammar restricts names and arguments to (else read from the prompt's signatures). */
  readonly tools?: readonly Tool[] | undefined;
  /** `auto` (the GGUF's chat template) or a node-llama-cpp wrapper name: `chatML`, `llama3.1`, `mistral`, … */
  readonly chatTemplate?: string | undefined;
  /** CPU threads. Default `$CODEACT_LOCAL_THREADS`, else `defaultThreadCount()` (1 on 2 cores). */
  readonly threads?: number | undefined;
  /** Tokens of context. Default: the model's training context, at most 8192. */
  readonly contextSize?: number | undefined;
  /** Default: Metal on Apple silicon, else the CPU (`false`). */
  readonly gpu?: 'auto' | 'metal' | 'cuda' | 'vulkan' | false | undefined;
  /** Reply budget when a call sets none. Default 2048. */
  readonly maxOutputTokens?: number | undefined;
  /** Used when a call sets none. Default 0 (greedy). */
  readonly temperature?: number | undefined;
  readonly seed?: number | undefined;
  readonly runtime?: LocalRuntimeSettings | undefined;
  readonly download?: ResolveModelFileOptions | undefined;
  /** llama.cpp's warnings and errors; never printed. */
  readonly onLog?: ((level: LlamaLogLevel, message: string) => void) | undefined;
  /** Default `process.env`. */
  readonly env?: Env | undefined;
};

/** Provider options a call may pass as `providerOptions.local`. */
export type LocalProviderOptions = { readonly grammar?: string | undefined };

/** What `load()` reports. */
export type LocalModelInfo = {
  readonly modelPath: string;
  readonly chatTemplate: string;
  readonly contextSize: number;
  readonly threads: number;
  readonly loadMs: number;
};

/** An AI SDK language model (specification v3) running a GGUF model in-process with llama.cpp. */
export type LocalLanguageModel = LanguageModelV3 & {
  /** Resolves (downloads) the file, installs or imports the runtime and loads the model; cached. */
  load(options?: { abortSignal?: AbortSignal | undefined }): Promise<LocalModelInfo>;
};

const defaultMaxOutputTokens = 2048;

function defaultGpu(): 'auto' | false {
  return process.platform === 'darwin' && process.arch === 'arm64' ? 'auto' : false;
}

function threadsFrom(settings: LocalModelSettings): number {
  const fromEnv = Number((settings.env ?? process.env).CODEACT_LOCAL_THREADS);
  const threads = settings.threads ?? (Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : defaultThreadCount());
  if (!Number.isInteger(threads) || threads < 1) {
    throw new ConfigurationError(`threads must be a whole number of at least 1, got ${threads}.`);
  }
  return threads;
}

function textOf(content: readonly { type: string; text?: string }[]): string {
  return content.map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

function toHistory(prompt: LanguageModelV3Prompt, warnings: SharedV3Warning[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        history.push({ type: 'system', text: message.content });
        break;
      case 'user':
        if (message.content.some((part) => part.type !== 'text')) {
          warnings.push({ type: 'unsupported', feature: 'file parts', details: 'Local models read text only.' });
        }
        history.push({ type: 'user', text: textOf(message.content) });
        break;
      case 'assistant':
        history.push({ type: 'model', response: [textOf(message.content)] });
        break;
      case 'tool':
        warnings.push({ type: 'unsupported', feature: 'tool messages' });
        break;
    }
  }
  return history;
}

/** The instructions the format grammar is read from: system messages and the first user message. */
function instructionsOf(prompt: LanguageModelV3Prompt): string {
  const firstUser = prompt.find((message) => message.role === 'user');
  return [
    ...prompt.filter((message) => message.role === 'system').map((message) => message.content),
    firstUser?.role === 'user' ? textOf(firstUser.content) : '',
  ].join('\n');
}

function usageOf(inputTokens: number | undefined, outputTokens: number | undefined): LanguageModelV3Usage {
  return {
    inputTokens: { total: inputTokens, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
    outputTokens: { total: outputTokens, text: outputTokens, reasoning: undefined },
  };
}

/**
 * Creates an AI SDK language model (v3) over node-llama-cpp. Nothing is loaded until the first call
 * (or `load()`): then the model file is resolved (an `hf:` file is downloaded once), the runtime is
 * imported from its cache directory (installed on first use, see `LocalRuntimeSettings`) and the
 * model is loaded with a prebuilt CPU binary. Replies stream; stop sequences end them (and are left
 * out, as with hosted providers); usage counts prompt and reply tokens. By default every reply is
 * grammar-constrained to one action of the format the prompt asks for.
 *
 * @example
 * ```ts
 * import { streamText } from 'ai';
 * const model = createLocalLanguageModel({ model: 'hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf', grammar: 'none' });
 * const { text } = await generateText({ model, prompt: 'Write a haiku about GGUF.' });
 * ```
 */
export function createLocalLanguageModel(settings: LocalModelSettings): LocalLanguageModel {
  const threads = threadsFrom(settings);
  const signatures = settings.tools ? toolSignatures(settings.tools) : undefined;
  let engine: Promise<LocalEngine> | undefined;

  const loadEngine = (abortSignal?: AbortSignal) => {
    if (!engine) {
      engine = (async () => {
        const modelPath = await resolveModelFile(parseModelSource(settings.model, settings.cwd), {
          ...settings.download,
          env: settings.download?.env ?? settings.env,
          ...(abortSignal ? { abortSignal } : {}),
        });
        return getLocalEngine({
          modelPath,
          runtime: { ...settings.runtime, env: settings.runtime?.env ?? settings.env },
          threads,
          contextSize: settings.contextSize,
          gpu: settings.gpu ?? defaultGpu(),
          chatWrapper: settings.chatTemplate ?? 'auto',
          onLog: settings.onLog,
        });
      })();
      engine.catch(() => {
        engine = undefined;
      });
    }
    return engine;
  };

  function grammarFor(options: LanguageModelV3CallOptions, warnings: SharedV3Warning[]): GenerationGrammar | undefined {
    if (options.responseFormat?.type === 'json') {
      if (options.responseFormat.schema) return { type: 'json-schema', schema: options.responseFormat.schema };
      warnings.push({ type: 'unsupported', feature: 'responseFormat', details: 'JSON output needs a schema.' });
    }
    const requested = (options.providerOptions?.local as LocalProviderOptions | undefined)?.grammar;
    if (requested !== undefined && !isActionGrammarName(requested)) {
      throw new ConfigurationError(`Unknown grammar "${requested}" in providerOptions.local.grammar.`);
    }
    const option = requested ?? settings.grammar ?? 'auto';
    if (option === 'none') return undefined;
    if (options.prompt.at(-1)?.role === 'assistant') {
      warnings.push({ type: 'other', message: 'The action grammar is off when continuing an assistant message.' });
      return undefined;
    }
    const grammar = selectActionGrammar(option, instructionsOf(options.prompt), signatures);
    if (!grammar) return undefined;
    return { type: 'action', grammar: compileActionGrammar(grammar, options.stopSequences ?? []) };
  }

  async function doStream(options: LanguageModelV3CallOptions) {
    const warnings: SharedV3Warning[] = [];
    for (const feature of ['tools', 'presencePenalty', 'frequencyPenalty'] as const) {
      if (options[feature] !== undefined) warnings.push({ type: 'unsupported', feature });
    }
    const loaded = await loadEngine(options.abortSignal);
    const history = toHistory(options.prompt, warnings);
    const grammar = grammarFor(options, warnings);
    const controller = new AbortController();
    const abortSignal = options.abortSignal
      ? AbortSignal.any([options.abortSignal, controller.signal])
      : controller.signal;
    const stream = new ReadableStream<LanguageModelV3StreamPart>({
      start(stream) {
        // The reader may have cancelled (a stop sequence seen client-side); later parts are dropped.
        const emit = (part: LanguageModelV3StreamPart) => {
          if (controller.signal.aborted) return;
          try {
            stream.enqueue(part);
          } catch {
            controller.abort();
          }
        };
        const end = () => {
          try {
            stream.close();
          } catch {
            // Already cancelled.
          }
        };
        emit({ type: 'stream-start', warnings });
        emit({ type: 'response-metadata', modelId: settings.modelId ?? settings.model, timestamp: new Date() });
        emit({ type: 'text-start', id: 'text-0' });
        loaded
          .generate({
            history,
            grammar,
            maxTokens: options.maxOutputTokens ?? settings.maxOutputTokens ?? defaultMaxOutputTokens,
            temperature: options.temperature ?? settings.temperature,
            topK: options.topK,
            topP: options.topP,
            seed: options.seed ?? settings.seed,
            stopSequences: options.stopSequences ?? [],
            abortSignal,
            onText: (text) => {
              if (text !== '') emit({ type: 'text-delta', id: 'text-0', delta: text });
            },
          })
          .then(
            (result) => {
              emit({ type: 'text-end', id: 'text-0' });
              emit({
                type: 'finish',
                finishReason: { unified: result.finishReason, raw: result.rawFinishReason },
                usage: usageOf(result.inputTokens, result.outputTokens),
              });
              end();
            },
            (error: unknown) => {
              emit({ type: 'error', error: options.abortSignal?.aborted ? options.abortSignal.reason : error });
              end();
            },
          );
      },
      cancel() {
        controller.abort();
      },
    });
    return {
      stream,
      request: { body: { history, grammar: grammar?.type === 'action' ? grammar.grammar.name : grammar?.type } },
    };
  }

  return {
    specificationVersion: 'v3',
    provider: 'local',
    modelId: settings.modelId ?? settings.model,
    supportedUrls: {},
    async load(options = {}) {
      const loaded = await loadEngine(options.abortSignal);
      return {
        modelPath: loaded.modelPath,
        chatTemplate: loaded.chatWrapperName,
        contextSize: loaded.contextSize,
        threads: loaded.threads,
        loadMs: loaded.loadMs,
      };
    },
    doStream,
    async doGenerate(options) {
      const { stream, request } = await doStream(options);
      let text = '';
      let warnings: SharedV3Warning[] = [];
      let finish: Extract<LanguageModelV3StreamPart, { type: 'finish' }> | undefined;
      for await (const part of stream) {
        if (part.type === 'text-delta') text += part.delta;
        else if (part.type === 'stream-start') warnings = part.warnings;
        else if (part.type === 'finish') finish = part;
        else if (part.type === 'error') throw part.error;
      }
      return {
        content: text === '' ? [] : [{ type: 'text', text }],
        finishReason: finish?.finishReason ?? { unified: 'other', raw: undefined },
        usage: finish?.usage ?? usageOf(undefined, undefined),
        warnings,
        request,
      };
    },
  };
}
