import { ConfigurationError } from '@codeact/core';
import type { CompiledActionGrammar } from '../grammar/action-grammar.js';
import { type LocalRuntimeSettings, loadLocalRuntime } from '../runtime/local-runtime.js';
import type {
  ChatHistoryItem,
  ChatWrapper,
  Llama,
  LlamaChat,
  LlamaContext,
  LlamaGrammar,
  LlamaLogLevel,
  LlamaModel,
  NodeLlamaCpp,
} from '../runtime/node-llama-cpp-api.js';

export type LocalEngineSettings = {
  readonly modelPath: string;
  readonly runtime: LocalRuntimeSettings;
  readonly threads: number;
  /** Default: the model's training context, at most 8192. */
  readonly contextSize?: number | undefined;
  /** `false` runs on the CPU. */
  readonly gpu: 'auto' | 'metal' | 'cuda' | 'vulkan' | false;
  /** `auto` (from the GGUF's template) or a node-llama-cpp wrapper name such as `chatML`. */
  readonly chatWrapper: string;
  /** llama.cpp's log lines (warnings and errors); never printed. */
  readonly onLog?: ((level: LlamaLogLevel, message: string) => void) | undefined;
};

/** Which grammar constrains one generation. */
export type GenerationGrammar =
  | { readonly type: 'action'; readonly grammar: CompiledActionGrammar }
  | { readonly type: 'json-schema'; readonly schema: unknown };

export type GenerateRequest = {
  readonly history: readonly ChatHistoryItem[];
  readonly grammar?: GenerationGrammar | undefined;
  readonly maxTokens: number;
  readonly temperature?: number | undefined;
  readonly topK?: number | undefined;
  readonly topP?: number | undefined;
  readonly seed?: number | undefined;
  readonly stopSequences: readonly string[];
  readonly abortSignal?: AbortSignal | undefined;
  readonly onText: (text: string) => void;
};

export type GenerateResult = {
  readonly text: string;
  readonly finishReason: 'stop' | 'length' | 'other';
  /** node-llama-cpp's stop reason, or `grammar-completion` when the provider closed the action. */
  readonly rawFinishReason: string;
  readonly inputTokens: number;
  readonly outputTokens: number;
};

export type LocalEngine = {
  readonly modelPath: string;
  readonly chatWrapperName: string;
  readonly contextSize: number;
  readonly threads: number;
  /** Wall time to load the runtime binary, the model and the context. */
  readonly loadMs: number;
  generate(request: GenerateRequest): Promise<GenerateResult>;
  countTokens(history: readonly ChatHistoryItem[]): number;
  dispose(): Promise<void>;
};

type LlamaHandle = { llama: Llama; listeners: Set<(level: LlamaLogLevel, message: string) => void> };
const llamas = new Map<string, Promise<LlamaHandle>>();
const engines = new Map<string, Promise<LocalEngine>>();

async function loadLlama(module: NodeLlamaCpp, settings: LocalEngineSettings): Promise<LlamaHandle> {
  const key = `${settings.runtime.dir ?? ''}|${settings.threads}|${settings.gpu}`;
  let pending = llamas.get(key);
  if (!pending) {
    pending = (async () => {
      const listeners = new Set<(level: LlamaLogLevel, message: string) => void>();
      try {
        const llama = await module.getLlama({
          build: 'never',
          gpu: settings.gpu,
          maxThreads: settings.threads,
          progressLogs: false,
          skipDownload: true,
          logLevel: 'warn',
          logger: (level, message) => {
            for (const listener of listeners) listener(level, message);
          },
        });
        return { llama, listeners };
      } catch (error) {
        if ((error as Error).name === 'NoBinaryFoundError') {
          throw new ConfigurationError(
            `node-llama-cpp found no prebuilt llama.cpp binary for ${process.platform}-${process.arch}${settings.gpu ? ` with gpu "${settings.gpu}"` : ''}, and codeact never compiles it at run time. Reinstall the runtime with \`npx codeact-local install --force\`, or use a model server (--base-url).`,
            { cause: error },
          );
        }
        throw error;
      }
    })();
    llamas.set(key, pending);
    pending.catch(() => llamas.delete(key));
  }
  return pending;
}

function resolveWrapper(module: NodeLlamaCpp, model: LlamaModel, name: string): ChatWrapper {
  if (name !== 'auto' && !module.resolvableChatWrapperTypeNames.includes(name)) {
    throw new ConfigurationError(
      `Unknown chat template "${name}". Use auto (the GGUF's own template) or one of: ${module.resolvableChatWrapperTypeNames.filter((type) => type !== 'auto').join(', ')}.`,
    );
  }
  return module.resolveChatWrapper(model, {
    ...(name === 'auto' ? {} : { type: name }),
    warningLogs: false,
    fallbackToOtherWrappersOnJinjaError: true,
  });
}

function mapStopReason(stopReason: string): GenerateResult['finishReason'] {
  switch (stopReason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
      return 'stop';
    case 'maxTokens':
      return 'length';
    default:
      return 'other';
  }
}

/** The end of `text + addition` up to (excluding) the first stop sequence that starts in `addition`. */
function cutAtStop(text: string, addition: string, stops: readonly string[]): { addition: string; stopped: boolean } {
  const combined = text + addition;
  let cut: number | undefined;
  for (const stop of stops) {
    const index = combined.indexOf(stop, Math.max(0, text.length - stop.length + 1));
    if (index !== -1 && (cut === undefined || index < cut)) cut = index;
  }
  if (cut === undefined) return { addition, stopped: false };
  return { addition: combined.slice(text.length, Math.max(text.length, cut)), stopped: true };
}

async function createEngine(settings: LocalEngineSettings): Promise<LocalEngine> {
  const started = performance.now();
  const module = await loadLocalRuntime(settings.runtime);
  const handle = await loadLlama(module, settings);
  const recentErrors: string[] = [];
  const listener = (level: LlamaLogLevel, message: string) => {
    if (level === 'error' || level === 'fatal') {
      recentErrors.push(message.trim());
      if (recentErrors.length > 4) recentErrors.shift();
    }
    settings.onLog?.(level, message);
  };
  handle.listeners.add(listener);
  let model: LlamaModel;
  try {
    model = await handle.llama.loadModel({ modelPath: settings.modelPath });
  } catch (error) {
    handle.listeners.delete(listener);
    const detail = [(error as Error).message, ...recentErrors].filter(Boolean).join(' ');
    throw new ConfigurationError(
      `Cannot load ${settings.modelPath} as a GGUF model: ${detail}. Check that the file is a complete GGUF model (a partial download ends in .part).`,
      { cause: error },
    );
  }
  const contextSize = settings.contextSize ?? Math.min(model.trainContextSize || 4096, 8192);
  let context: LlamaContext;
  let chatWrapper: ChatWrapper;
  try {
    chatWrapper = resolveWrapper(module, model, settings.chatWrapper);
    context = await model.createContext({ contextSize, threads: settings.threads, sequences: 1 }).catch((error) => {
      throw new ConfigurationError(
        `Cannot create a ${contextSize}-token context for ${settings.modelPath}: ${(error as Error).message}. Pass a smaller context (?ctx=2048).`,
        { cause: error },
      );
    });
  } catch (error) {
    await model.dispose();
    handle.listeners.delete(listener);
    throw error;
  }
  const chat: LlamaChat = new module.LlamaChat({ contextSequence: context.getSequence(), chatWrapper });
  const grammars = new Map<string, Promise<LlamaGrammar>>();
  const grammarFor = (key: string, create: () => Promise<LlamaGrammar>) => {
    let grammar = grammars.get(key);
    if (!grammar) {
      grammar = create();
      grammars.set(key, grammar);
      grammar.catch(() => grammars.delete(key));
    }
    return grammar;
  };
  const gbnfGrammar = (gbnf: string) => grammarFor(gbnf, () => handle.llama.createGrammar({ grammar: gbnf }));
  let queue: Promise<unknown> = Promise.resolve();

  const countTokens = (history: readonly ChatHistoryItem[]) => {
    const withReply: ChatHistoryItem[] = [...history];
    if (history.at(-1)?.type !== 'model') withReply.push({ type: 'model', response: [] });
    return chatWrapper.generateContextState({ chatHistory: withReply }).contextText.tokenize(model.tokenizer).length;
  };

  async function run(request: GenerateRequest): Promise<GenerateResult> {
    request.abortSignal?.throwIfAborted();
    const inputTokens = countTokens(request.history);
    let outputTokens = 0;
    const base = {
      onTextChunk: request.onText,
      onToken: (tokens: number[]) => {
        outputTokens += tokens.length;
      },
      customStopTriggers: [...request.stopSequences],
      ...(request.abortSignal ? { signal: request.abortSignal } : {}),
      ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
      ...(request.topK === undefined ? {} : { topK: request.topK }),
      ...(request.topP === undefined ? {} : { topP: request.topP }),
      ...(request.seed === undefined ? {} : { seed: request.seed }),
    };
    const history = [...request.history];
    const grammar = request.grammar;
    if (grammar?.type !== 'action') {
      const schemaGrammar =
        grammar?.type === 'json-schema'
          ? await grammarFor(JSON.stringify(grammar.schema), () =>
              handle.llama.createGrammarForJsonSchema(grammar.schema),
            )
          : undefined;
      const result = await chat.generateResponse(history, {
        ...base,
        maxTokens: request.maxTokens,
        ...(schemaGrammar ? { grammar: schemaGrammar } : {}),
      });
      const stopReason = result.metadata.stopReason;
      return {
        text: result.response,
        finishReason: mapStopReason(stopReason),
        rawFinishReason: stopReason,
        inputTokens,
        outputTokens,
      };
    }
    // Free text may use all but a reserve; a reply cut off there continues without its free text,
    // and one cut off again is closed by the shortest completion, so it always holds one action.
    const compiled = grammar.grammar;
    const reserve = request.maxTokens < 8 ? 0 : Math.min(256, Math.max(8, Math.floor(request.maxTokens / 4)));
    const first = await chat.generateResponse(history, {
      ...base,
      maxTokens: Math.max(1, request.maxTokens - reserve),
      grammar: await gbnfGrammar(compiled.gbnf),
    });
    let text = first.response;
    let stopReason = first.metadata.stopReason;
    if (stopReason === 'maxTokens' && !compiled.accepts(text)) {
      const continuation = reserve > 0 ? compiled.continuation(text) : undefined;
      if (continuation !== undefined) {
        const second = await chat.generateResponse([...history, { type: 'model', response: [text] }], {
          ...base,
          maxTokens: reserve,
          grammar: await gbnfGrammar(continuation),
        });
        text += second.response;
        stopReason = second.metadata.stopReason;
      }
      if (stopReason === 'maxTokens') {
        const completion = compiled.completion(text);
        if (completion) {
          const cut = cutAtStop(text, completion, request.stopSequences);
          if (cut.addition) request.onText(cut.addition);
          return {
            text: text + cut.addition,
            finishReason: 'stop',
            rawFinishReason: 'grammar-completion',
            inputTokens,
            outputTokens,
          };
        }
      }
    }
    return { text, finishReason: mapStopReason(stopReason), rawFinishReason: stopReason, inputTokens, outputTokens };
  }

  return {
    modelPath: settings.modelPath,
    chatWrapperName: chatWrapper.wrapperName,
    contextSize: context.contextSize,
    threads: settings.threads,
    loadMs: performance.now() - started,
    countTokens,
    generate(request) {
      const result = queue.then(() => run(request));
      queue = result.catch(() => undefined);
      return result;
    },
    async dispose() {
      await queue;
      handle.listeners.delete(listener);
      chat.dispose();
      await context.dispose();
      await model.dispose();
    },
  };
}

function engineKey(settings: LocalEngineSettings): string {
  return JSON.stringify([
    settings.runtime.dir ?? '',
    settings.modelPath,
    settings.threads,
    settings.contextSize ?? 0,
    settings.gpu,
    settings.chatWrapper,
  ]);
}

/** The loaded model for these settings, shared by every model object that names the same file and options. */
export function getLocalEngine(settings: LocalEngineSettings): Promise<LocalEngine> {
  const key = engineKey(settings);
  let pending = engines.get(key);
  if (!pending) {
    pending = createEngine(settings);
    engines.set(key, pending);
    pending.catch(() => engines.delete(key));
  }
  return pending;
}

/** Frees every loaded local model and llama.cpp instance (tests, long-lived servers switching models). */
export async function disposeLocalModels(): Promise<void> {
  const loadedEngines = [...engines.values()];
  engines.clear();
  for (const pending of loadedEngines) await (await pending.catch(() => undefined))?.dispose();
  const loadedLlamas = [...llamas.values()];
  llamas.clear();
  for (const pending of loadedLlamas) await (await pending.catch(() => undefined))?.llama.dispose();
}
