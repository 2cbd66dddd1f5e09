import type { ModelMessage, Trajectory } from '@codeact/core';
import { trajectorySource } from '../trajectory-facts.js';

/** A training conversation: roles are only `system`, `user` (observations included) and `assistant`. */
export type TrainingConversation = {
  readonly id: string;
  /** Dataset name, for statistics and mixing. */
  readonly source: string;
  readonly messages: ModelMessage[];
};

const thoughtInstruction =
  'At each turn, you should first provide your step-by-step thinking for solving the task. Your thought process should be enclosed using "<thought>" tag, for example: <thought> I need to print "Hello World!" </thought>.\n\nAfter that, you have two options:';
const withoutThoughtInstruction =
  'At each turn, you should first provide your step-by-step thinking for solving the task. After that, you have two options:';
const exampleSeparator = '\n---\n\nTask:';

/** Removes the `<thought>` sentence from the MINT instructions, as the original conversion does. */
export function removeThoughtInstruction(system: string): string {
  return system.replace(thoughtInstruction, withoutThoughtInstruction);
}

/**
 * Cleans an assistant turn (spec §2.5): strip, drop a leading `Assistant:`, unwrap `<thought>` tags
 * (keeping their text), delete any other `Assistant:`/`Assistant：`, strip again.
 */
export function cleanAssistantTurn(text: string): string {
  let cleaned = text.trim();
  if (cleaned.startsWith('Assistant:')) cleaned = cleaned.slice('Assistant:'.length);
  cleaned = cleaned.replace(/<thought>([\s\S]*?)<\/thought>/g, (_, thought: string) => thought.trim());
  return cleaned.replaceAll('Assistant:', '').replaceAll('Assistant\uff1a', '').trim();
}

/**
 * Splits a MINT first prompt (instructions, `---`, in-context example, `---`, `Task:`) into a system
 * message without the `<thought>` instruction and a user message with the task only. The in-context
 * example is dropped. A prompt without that layout is returned as one user message.
 */
export function splitMintPrompt(prompt: string): ModelMessage[] {
  const parts = prompt.trim().split(exampleSeparator);
  if (parts.length < 2) return [{ role: 'user', content: prompt.trim() }];
  return [
    { role: 'system', content: removeThoughtInstruction(parts[0] ?? '').trim() },
    { role: 'user', content: `Task:\n${(parts.at(-1) ?? '').trim()}` },
  ];
}

export type ToTrainingConversationOptions = {
  /** Prefix for ids, e.g. the dataset file stem (`oct28_full6728/…` in the release). */
  readonly idPrefix?: string;
};

/**
 * Converts a kept trajectory to training form (spec §2.5): system instructions without the `<thought>`
 * sentence and the in-context example, the task as the first user message, observations as user
 * messages, cleaned assistant turns, ending with the final assistant turn.
 */
export function toTrainingConversation(
  trajectory: Trajectory,
  options: ToTrainingConversationOptions = {},
): TrainingConversation {
  const source = trajectorySource(trajectory);
  const firstUser = trajectory.messages.findIndex((message) => message.role === 'user');
  const messages: ModelMessage[] = [];
  for (const message of trajectory.messages.slice(0, Math.max(firstUser, 0))) {
    if (message.role === 'system' && message.content.trim() !== '') {
      messages.push({ role: 'system', content: removeThoughtInstruction(message.content).trim() });
    }
  }
  if (firstUser !== -1) {
    const split = splitMintPrompt(trajectory.messages[firstUser]?.content ?? '');
    const hasSystem = messages.length > 0;
    messages.push(...split.filter((message) => !(hasSystem && message.role === 'system')));
  }
  const rest = firstUser === -1 ? [] : trajectory.messages.slice(firstUser + 1);
  for (const message of rest) {
    messages.push(
      message.role === 'assistant'
        ? { role: 'assistant', content: cleanAssistantTurn(message.content) }
        : { role: message.role, content: message.content.trim() },
    );
  }
  while (messages.length > 0 && messages.at(-1)?.role !== 'assistant') messages.pop();
  const task = trajectory.taskId
    ? trajectory.taskId.replace(new RegExp(`^${escapeRegExp(source)}/`), '')
    : trajectory.id;
  const id = `${source}/${task}/${trajectory.model.modelId}`;
  return { id: options.idPrefix ? `${options.idPrefix}/${id}` : id, source, messages };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
