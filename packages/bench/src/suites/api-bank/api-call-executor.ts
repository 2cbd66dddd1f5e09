import type {
  CreateSessionOptions,
  ExecuteOptions,
  Execution,
  Executor,
  ExecutorSession,
  ToolHost,
} from '@codeact/core';
import { fromJsonValue, pythonStr, toJsonValue } from '@codeact/mint';
import { parseCodeArguments } from './protocol/scan-arguments.js';

const kwargsCall = /^print\(([\p{L}\p{N}_]+)\(([^\n]*)\)\)$/u;
const starCall = /^print\(([\p{L}\p{N}_]+)\(\*\*\{[^\n]*\}\)\)$/u;

function failure(name: string, message: string): Pick<Execution, 'error' | 'stdout'> {
  return { stdout: '', error: { name, message, traceback: `Traceback (most recent call last):\n${name}: ${message}` } };
}

class ApiCallSession implements ExecutorSession {
  readonly sessionId: string;
  readonly workDir = undefined;
  private readonly tools: ToolHost | undefined;
  private count = 0;

  constructor(sessionId: string, tools: ToolHost | undefined) {
    this.sessionId = sessionId;
    this.tools = tools;
  }

  async execute(options: ExecuteOptions): Promise<Execution> {
    this.count += 1;
    const started = performance.now();
    const finish = (part: Pick<Execution, 'error' | 'stdout'>): Execution => ({
      stderr: '',
      artifacts: [],
      executionCount: this.count,
      durationMs: performance.now() - started,
      ...part,
    });
    const code = options.code.trim();
    const star = starCall.exec(code);
    if (star) return finish(failure('TypeError', `${star[1]}() got an unexpected keyword argument`));
    const match = kwargsCall.exec(code);
    if (!match || !this.tools) return finish(failure('SyntaxError', 'only API-Bank call actions can run here'));
    const name = match[1] as string;
    if (!this.tools.tools.some((tool) => tool.name === name)) {
      return finish(failure('NameError', `name '${name}' is not defined`));
    }
    const args = toJsonValue(parseCodeArguments(match[2] ?? ''));
    const result = await this.tools.call({
      name,
      args,
      sessionId: this.sessionId,
      ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
    });
    if (!result.ok) return finish(failure(result.error.type, result.error.message));
    return finish({ stdout: `${pythonStr(fromJsonValue(result.value))}\n` });
  }

  async close(): Promise<void> {}

  async [Symbol.asyncDispose](): Promise<void> {}
}

/**
 * An executor for API-Bank's code actions without a Python interpreter: it runs only the generated
 * `print(Api(key='value', ...))` calls, through the session's tool host (the same bridge a Python
 * executor uses). Upstream never ran Python either; its code actions were read with a regex.
 */
export function createApiCallExecutor(): Executor {
  let sessions = 0;
  return {
    specificationVersion: 'v1',
    executorId: 'api-call',
    description: 'API-Bank call actions run in-process through the tool host (no Python)',
    async createSession(options: CreateSessionOptions = {}) {
      sessions += 1;
      return new ApiCallSession(`api-call-${sessions}`, options.tools);
    },
    async dispose() {},
  };
}
