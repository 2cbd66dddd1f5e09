import { ConfigurationError } from '@codeact/core';
import { readJsonl } from '../jsonl/jsonl.js';
import { TaskRecord } from './task-record.js';

/** Reads and validates a task JSONL file; a bad or duplicate record is a `ConfigurationError` naming its line. */
export async function readTasks(path: string): Promise<TaskRecord[]> {
  const tasks: TaskRecord[] = [];
  const seen = new Set<string>();
  let line = 0;
  for await (const value of readJsonl(path)) {
    line += 1;
    const parsed = TaskRecord.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigurationError(`${path}: task ${line}: ${issue?.path.join('.') || 'record'}: ${issue?.message}`);
    }
    if (seen.has(parsed.data.id)) throw new ConfigurationError(`${path}: task ${line}: duplicate id ${parsed.data.id}`);
    seen.add(parsed.data.id);
    tasks.push(parsed.data);
  }
  return tasks;
}
