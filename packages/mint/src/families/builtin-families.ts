import type { Tool } from '@codeact/core';
import { checkGeneratedCode } from '../checkers/check-generated-code.js';
import { checkMultipleChoiceAnswer } from '../checkers/check-multiple-choice-answer.js';
import { checkReasoningAnswer } from '../checkers/check-reasoning-answer.js';
import { checkTheoremqaAnswer } from '../checkers/check-theoremqa-answer.js';
import { readInContextExample, readTestPrompts } from '../mint-data.js';
import { pyStrip } from '../python/python-string.js';
import type { PyValue } from '../python/python-value.js';
import { createWikipediaSearchTool } from '../tools/wikipedia-search.js';
import type {
  MintEnvironment,
  MintEnvironmentContext,
  MintGroup,
  MintTask,
  MintTaskFamily,
} from './mint-task-family.js';

function referenceText(reference: PyValue): string {
  if (reference.type === 'str') return reference.value;
  if (reference.type === 'int') return reference.value.toString();
  if (reference.type === 'float') return String(reference.value);
  throw new TypeError(`MINT reference of type ${reference.type} is not text`);
}

type FamilySpec = {
  readonly name: string;
  readonly group: MintGroup;
  /** Folder of the in-context example. */
  readonly example: string;
  readonly taskPrompt: (task: MintTask) => string;
  /** Whether the session gets `wikipedia_search` (the reasoning tasks). */
  readonly wikipedia: boolean;
  readonly check: (solution: string, task: MintTask, context: MintEnvironmentContext) => boolean | Promise<boolean>;
};

function defineFamily(spec: FamilySpec): MintTaskFamily {
  return {
    name: spec.name,
    group: spec.group,
    async loadTasks() {
      const rows = await readTestPrompts(spec.name);
      return rows.map((row) => ({
        id: `${spec.name}/${row.id}`,
        family: spec.name,
        upstreamId: row.id,
        prompt: row.prompt,
        reference: row.reference,
        fields: row.fields,
      }));
    },
    taskPrompt: spec.taskPrompt,
    inContextExample: () => readInContextExample(spec.example),
    createEnvironment(task, context): MintEnvironment {
      const tools: Tool[] = spec.wikipedia ? [createWikipediaSearchTool()] : [];
      return { tools, checkAnswer: async (solution) => spec.check(solution, task, context) };
    },
  };
}

const stripped = (task: MintTask) => pyStrip(task.prompt);

const reasoning = (name: string, group: MintGroup): MintTaskFamily =>
  defineFamily({
    name,
    group,
    example: 'reasoning',
    taskPrompt: stripped,
    wikipedia: true,
    check: (solution, task, context) =>
      checkReasoningAnswer({ solution, reference: referenceText(task.reference), rule: context.rule }),
  });

const codeGeneration = (name: 'humaneval' | 'mbpp', taskPrompt: (task: MintTask) => string): MintTaskFamily =>
  defineFamily({
    name,
    group: 'out-of-domain',
    example: name,
    taskPrompt,
    wikipedia: false,
    check: async (solution, task, context) => {
      const result = await checkGeneratedCode({
        executor: context.executor,
        solution,
        tests: referenceText(task.reference),
        abortSignal: context.abortSignal,
      });
      return result.passed;
    },
  });

/** GSM8K: `ReasoningTask`, out-of-domain. */
export const gsm8kFamily = reasoning('gsm8k', 'out-of-domain');
/** MINT's MATH subset (numeric references): `ReasoningTask`, not the sympy grader; in-domain. */
export const mathFamily = reasoning('math', 'in-domain');
/** HotpotQA: `ReasoningTask` with `wikipedia_search`; in-domain. */
export const hotpotqaFamily = reasoning('hotpotqa', 'in-domain');

/** MMLU: `MultipleChoiceTask` (prompt used as stored, options included); out-of-domain. */
export const mmluFamily = defineFamily({
  name: 'mmlu',
  group: 'out-of-domain',
  example: 'reasoning',
  taskPrompt: (task) => task.prompt,
  wikipedia: true,
  check: (solution, task) =>
    checkMultipleChoiceAnswer({ solution, reference: referenceText(task.reference), prompt: task.prompt }),
});

/** TheoremQA: `TheoremqaTask` with its answer-type rules; out-of-domain. */
export const theoremqaFamily = defineFamily({
  name: 'theoremqa',
  group: 'out-of-domain',
  example: 'reasoning',
  taskPrompt: (task) =>
    `Answer the following question with a number, a list of numbers or True or False. ${pyStrip(task.prompt)}`,
  wikipedia: true,
  // Faithful (`recorded`): spec §1.6 literally, as MINT scored its published runs, where an option
  // letter normalised to `(a)` fails to evaluate and so is wrong; `--fixed` reads it as the string.
  check: (solution, task, context) =>
    checkTheoremqaAnswer({
      solution,
      reference: task.reference,
      answerType: String(task.fields.answer_type),
      optionRule: context.rule === 'current' ? 'fixed' : 'pre-2023-10-11',
    }),
});

/** HumanEval: the proposed code, then the task's `check(...)` tests, in a fresh interpreter. */
export const humanevalFamily = codeGeneration('humaneval', (task) => `Complete the following code:\n\n${task.prompt}`);

/** MBPP: as HumanEval, with the assert list as tests and the prompt's `"""` removed. */
export const mbppFamily = codeGeneration('mbpp', (task) => pyStrip(task.prompt.replaceAll('"""', '')));

/**
 * The MINT task families codeact runs, in the paper's order. ALFWorld is not among them: it needs the
 * TextWorld engine; an engine-backed `MintTaskFamily` (tools that step the game, `solved()` after
 * each action) can be added to this list.
 */
export const mintTaskFamilies: readonly MintTaskFamily[] = [
  mathFamily,
  hotpotqaFamily,
  gsm8kFamily,
  mmluFamily,
  theoremqaFamily,
  humanevalFamily,
  mbppFamily,
];
