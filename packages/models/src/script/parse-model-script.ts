import { ConfigurationError } from '@codeact/core';
import type { z } from 'zod';
import { ModelScriptLine } from './model-script-line.js';

/** The replies of a model script: the default queue and one queue per task id, in file order. */
export type ModelScript = {
  readonly replies: readonly string[];
  readonly tasks: ReadonlyMap<string, readonly string[]>;
};

export type ParseModelScriptResult =
  | { readonly success: true; readonly value: ModelScript; readonly error?: never }
  | { readonly success: false; readonly value?: never; readonly error: ConfigurationError };

const maxReportedLines = 10;
const lineFormat = 'Each line must be a JSON object like {"reply": "...", "task": "optional-task-id"}.';

/**
 * Parses JSONL model-script text. Blank lines are skipped; every other line is validated, and all bad
 * lines are reported in one `ConfigurationError` naming `file` and the line numbers.
 */
export function parseModelScript(text: string, options: { readonly file: string }): ParseModelScriptResult {
  const replies: string[] = [];
  const tasks = new Map<string, string[]>();
  const problems: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const parsed = parseLine(line);
    if (!parsed.success) {
      problems.push(`line ${index + 1}: ${parsed.error}`);
      continue;
    }
    const { reply, task } = parsed.value;
    if (task === undefined) replies.push(reply);
    else tasks.set(task, [...(tasks.get(task) ?? []), reply]);
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, maxReportedLines).map((problem) => `  ${problem}`);
    if (problems.length > maxReportedLines) shown.push(`  … and ${problems.length - maxReportedLines} more`);
    const message = `Invalid model script ${options.file}:\n${shown.join('\n')}\n${lineFormat}`;
    return { success: false, error: new ConfigurationError(message) };
  }
  if (replies.length === 0 && tasks.size === 0) {
    return {
      success: false,
      error: new ConfigurationError(`Model script ${options.file} has no replies. ${lineFormat}`),
    };
  }
  return { success: true, value: { replies, tasks } };
}

function parseLine(line: string): { success: true; value: ModelScriptLine } | { success: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { success: false, error: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  const result = ModelScriptLine.safeParse(json);
  return result.success ? { success: true, value: result.data } : { success: false, error: formatIssues(result.error) };
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `"${issue.path.join('.')}": ${issue.message}` : issue.message))
    .join('; ');
}
