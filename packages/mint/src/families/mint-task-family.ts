import type { Executor, Tool } from '@codeact/core';
import type { GradingRule } from '../checkers/grading-rule.js';
import type { PyValue } from '../python/python-value.js';

/** The paper's grouping of CodeActAgent's MINT results (Table 5): in-domain vs out-of-domain. */
export type MintGroup = 'in-domain' | 'out-of-domain';

/** One MINT task. `id` (`gsm8k/0`) is the harness task id and the key recorded runs are replayed by. */
export type MintTask = {
  readonly id: string;
  readonly family: string;
  /** The id in the upstream data (`0`, or an ALFWorld game path). */
  readonly upstreamId: string;
  /** The prompt as stored in the data; families build the task text from it. */
  readonly prompt: string;
  readonly reference: PyValue;
  /** Every field of the data row. */
  readonly fields: Readonly<Record<string, unknown>>;
};

export type MintEnvironmentContext = {
  /** For checks that run code (HumanEval, MBPP): each check gets a fresh session. */
  readonly executor: Executor;
  readonly rule: GradingRule;
  readonly abortSignal: AbortSignal;
};

/**
 * The per-episode side of a task: the tools its Python session gets and how success is decided.
 * An engine-backed family (ALFWorld on TextWorld) keeps its game state here.
 */
export interface MintEnvironment {
  /** Callable from the model's code and listed in the prompt, in order. */
  readonly tools: readonly Tool[];
  /** Python run once in the episode's interpreter before its first code action (e.g. loading a table). */
  readonly setupCode?: string | undefined;
  /** Decides a proposed `<solution>`. A thrown `CheckerError` is shown to the model as a traceback. */
  checkAnswer(solution: string): Promise<boolean>;
  /** Consulted after every code action; `true` ends the episode as a success (ALFWorld's `done`). */
  solved?(): boolean;
  close?(): Promise<void>;
}

/** What one episode needs of its family: the prompt pieces and the environment. */
export type MintEpisodeFamily = Pick<MintTaskFamily, 'name' | 'taskPrompt' | 'inContextExample' | 'createEnvironment'>;

/** A MINT task family: its data, its prompt pieces and its environment. */
export interface MintTaskFamily {
  /** `gsm8k`, `math`, …; also the key of `results.json`'s summary. */
  readonly name: string;
  readonly group: MintGroup;
  loadTasks(): Promise<readonly MintTask[]>;
  /** The text after `Task:\n` in the first message. */
  taskPrompt(task: MintTask): string;
  /** The in-context example placed before the task, verbatim. */
  inContextExample(task: MintTask): Promise<string>;
  createEnvironment(task: MintTask, context: MintEnvironmentContext): MintEnvironment;
}
