/**
 * The part of node-llama-cpp's API this package uses, typed by hand: the runtime is installed on
 * first use, so it is not a compile-time dependency. Pinned by `nodeLlamaCppVersion`.
 */
export type Token = number;

export type LlamaLogLevel = 'disabled' | 'fatal' | 'error' | 'warn' | 'info' | 'log' | 'debug';

export type ChatHistoryItem =
  | { type: 'system'; text: string }
  | { type: 'user'; text: string }
  | { type: 'model'; response: string[] };

export type LlamaText = { tokenize(tokenizer: Tokenizer): Token[]; toString(): string };

export type ChatWrapper = {
  readonly wrapperName: string;
  generateContextState(options: { chatHistory: readonly ChatHistoryItem[] }): { contextText: LlamaText };
};

export type Tokenizer = (text: string, specialTokens?: boolean) => Token[];

export type LlamaGrammar = { readonly grammar: string };

export type LlamaContextSequence = {
  readonly tokenMeter: { readonly usedInputTokens: number; readonly usedOutputTokens: number };
};

export type LlamaContext = {
  readonly contextSize: number;
  getSequence(): LlamaContextSequence;
  dispose(): Promise<void>;
};

export type LlamaModel = {
  readonly trainContextSize: number;
  readonly tokenizer: Tokenizer;
  readonly filename?: string | undefined;
  createContext(options: { contextSize?: number; threads?: number; sequences?: number }): Promise<LlamaContext>;
  detokenize(tokens: readonly Token[]): string;
  dispose(): Promise<void>;
};

export type Llama = {
  readonly buildType: string;
  readonly gpu: string | false;
  readonly cpuMathCores: number;
  readonly maxThreads: number;
  loadModel(options: { modelPath: string }): Promise<LlamaModel>;
  createGrammar(options: { grammar: string }): Promise<LlamaGrammar>;
  createGrammarForJsonSchema(schema: unknown): Promise<LlamaGrammar>;
  dispose(): Promise<void>;
};

export type LlamaChatResponse = {
  response: string;
  metadata: { stopReason: string };
};

export type GenerateResponseOptions = {
  onTextChunk?: (text: string) => void;
  onToken?: (tokens: Token[]) => void;
  signal?: AbortSignal;
  maxTokens?: number;
  temperature?: number;
  topK?: number;
  topP?: number;
  seed?: number;
  grammar?: LlamaGrammar;
  customStopTriggers?: string[];
};

export type LlamaChat = {
  readonly chatWrapper: ChatWrapper;
  generateResponse(history: ChatHistoryItem[], options: GenerateResponseOptions): Promise<LlamaChatResponse>;
  dispose(): void;
};

export type GetLlamaOptions = {
  build: 'never';
  gpu: 'auto' | 'metal' | 'cuda' | 'vulkan' | false;
  maxThreads: number;
  progressLogs: false;
  skipDownload: true;
  logLevel: LlamaLogLevel;
  logger: (level: LlamaLogLevel, message: string) => void;
};

/** The module `import('node-llama-cpp')` returns. */
export type NodeLlamaCpp = {
  getLlama(options: GetLlamaOptions): Promise<Llama>;
  LlamaChat: new (options: { contextSequence: LlamaContextSequence; chatWrapper: ChatWrapper }) => LlamaChat;
  resolveChatWrapper(
    model: LlamaModel,
    options: { type?: string; warningLogs: false; fallbackToOtherWrappersOnJinjaError: true },
  ): ChatWrapper;
  readonly resolvableChatWrapperTypeNames: readonly string[];
};
