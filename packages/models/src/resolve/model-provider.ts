import type { LanguageModel } from '@codeact/core';
import type { AiSdkModelSettings } from '../ai-sdk/create-ai-sdk-model.js';

/** Environment variables as `process.env` holds them. */
export type Env = Readonly<Record<string, string | undefined>>;

export type ResolveModelOptions = Pick<
  AiSdkModelSettings,
  'maxRetries' | 'initialDelayMs' | 'maxDelayMs' | 'onRetry' | 'onWarning' | 'sleep'
> & {
  /** `--api-key`: used instead of the provider's environment variable. */
  readonly apiKey?: string | undefined;
  /** `--base-url`: the server's endpoint, e.g. `http://localhost:8000/v1`. */
  readonly baseURL?: string | undefined;
  /** Where keys and URLs are read from. Default `process.env`. */
  readonly env?: Env | undefined;
  /** Used by every HTTP provider; tests inject recorded responses here. */
  readonly fetch?: typeof globalThis.fetch | undefined;
  /** Base for relative paths such as `script:replies.jsonl`. Default `process.cwd()`. */
  readonly cwd?: string | undefined;
  /** Providers for this call only, by prefix; they take precedence over the registry. */
  readonly providers?: Readonly<Record<string, ModelProviderFactory>> | undefined;
  /** Default: the shared registry that `registerModelProvider` adds to. */
  readonly registry?: ModelProviderRegistry | undefined;
};

/** What a provider factory receives for a spec such as `ollama:qwen2.5-coder:7b`. */
export type ModelProviderRequest = {
  /** The whole spec. */
  readonly spec: string;
  /** The prefix that selected the provider (`ollama`). */
  readonly provider: string;
  /** Everything after the first colon (`qwen2.5-coder:7b`). */
  readonly modelId: string;
  readonly options: ResolveModelOptions;
  /** `options.env` or `process.env`. */
  readonly env: Env;
  /** `options.cwd` or `process.cwd()`. */
  readonly cwd: string;
};

/**
 * Builds a model for one spec prefix. Throw `ConfigurationError` (with the fix in the message) for
 * a missing key, file or URL.
 */
export type ModelProviderFactory = (request: ModelProviderRequest) => LanguageModel | Promise<LanguageModel>;

/** Model providers by spec prefix (`openai`, `script`, `replay`, …). */
export type ModelProviderRegistry = {
  /** Adds a provider; throws `ConfigurationError` for a taken or malformed prefix. */
  register(prefix: string, factory: ModelProviderFactory): void;
  get(prefix: string): ModelProviderFactory | undefined;
  /** Registered prefixes, sorted. */
  prefixes(): string[];
};
