import { ConfigurationError, type ModelMessage } from '@codeact/core';
import type { TrainingConversation } from './to-training-conversation.js';

/** The export formats (spec §3.2). */
export const exportFormats = ['codeactinstruct', 'openai', 'sharegpt'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** `{"id", "conversations": [{"role", "content"}]}`: the released CodeActInstruct / HF form. */
export type CodeActInstructRecord = { id: string; conversations: ModelMessage[] };
/** `{"messages": [...]}`: OpenAI chat fine-tuning and TRL's conversational format. */
export type OpenAiRecord = { messages: ModelMessage[] };
/** `{"conversations": [{"from", "value"}], "system"}`: LLaMA-Factory's ShareGPT format. */
export type ShareGptRecord = { conversations: { from: 'human' | 'gpt'; value: string }[]; system?: string };
export type ExportRecord = CodeActInstructRecord | OpenAiRecord | ShareGptRecord;

/**
 * Writes a training conversation in `format`. Observations stay `user` / `human` turns: mapping them to
 * a tool role would change what the model learns (spec §3.2). An empty system message is dropped.
 */
export function formatConversation(conversation: TrainingConversation, format: ExportFormat): ExportRecord {
  const messages = conversation.messages.filter((message) => !(message.role === 'system' && message.content === ''));
  switch (format) {
    case 'codeactinstruct':
      return { id: conversation.id, conversations: messages };
    case 'openai':
      return { messages };
    case 'sharegpt': {
      const system = messages.filter((message) => message.role === 'system').map((message) => message.content);
      return {
        conversations: messages
          .filter((message) => message.role !== 'system')
          .map((message) => ({
            from: message.role === 'assistant' ? ('gpt' as const) : ('human' as const),
            value: message.content,
          })),
        ...(system.length > 0 ? { system: system.join('\n\n') } : {}),
      };
    }
    default:
      throw new ConfigurationError(`unknown export format ${String(format satisfies never)}`);
  }
}

/**
 * Reads a conversation in any of the three formats (or `{"messages"}`/`{"conversations"}` with
 * ShareGPT roles such as `gpt`, `human`, `system`): general-conversation files for mixing and stats.
 */
export function parseConversationRecord(value: unknown, fallbackId: string): TrainingConversation | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const list = Array.isArray(record.messages)
    ? record.messages
    : Array.isArray(record.conversations)
      ? record.conversations
      : undefined;
  if (!list) return undefined;
  const messages: ModelMessage[] = [];
  if (typeof record.system === 'string' && record.system !== '')
    messages.push({ role: 'system', content: record.system });
  for (const item of list) {
    if (typeof item !== 'object' || item === null) return undefined;
    const entry = item as Record<string, unknown>;
    const role = normaliseRole(entry.role ?? entry.from);
    const content = entry.content ?? entry.value;
    if (!role || typeof content !== 'string') return undefined;
    messages.push({ role, content });
  }
  // Sources come from ids like `hotpotqa/…` (codeactinstruct exports, the HF release); others are `general`.
  const id = typeof record.id === 'string' ? record.id : fallbackId;
  const source =
    typeof record.id === 'string' && record.id.includes('/') ? (record.id.split('/')[0] as string) : 'general';
  return { id, source, messages };
}

function normaliseRole(role: unknown): ModelMessage['role'] | undefined {
  switch (role) {
    case 'system':
      return 'system';
    case 'user':
    case 'human':
    case 'observation':
      return 'user';
    case 'assistant':
    case 'gpt':
    case 'chatgpt':
    case 'bard':
      return 'assistant';
    default:
      return undefined;
  }
}
