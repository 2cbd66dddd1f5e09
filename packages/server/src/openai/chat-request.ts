import { createHash } from 'node:crypto';
import { z } from 'zod';

const ContentPart = z.looseObject({ type: z.string(), text: z.string().optional() });

/** The part of an OpenAI chat-completions request codeact reads (other fields are accepted and ignored). */
export const ChatCompletionRequest = z.looseObject({
  model: z.string(),
  messages: z
    .array(
      z.looseObject({
        role: z.enum(['system', 'developer', 'user', 'assistant', 'tool', 'function']),
        content: z.union([z.string(), z.array(ContentPart), z.null()]).optional(),
      }),
    )
    .min(1),
  stream: z.boolean().optional(),
  stream_options: z.looseObject({ include_usage: z.boolean().optional() }).nullish(),
  user: z.string().optional(),
  metadata: z.record(z.string(), z.string()).nullish(),
});
export type ChatCompletionRequest = z.infer<typeof ChatCompletionRequest>;

export type TurnMessage = { readonly role: 'user' | 'assistant'; readonly content: string };

function textOf(content: ChatCompletionRequest['messages'][number]['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

/** The user and assistant messages, as text (system prompts and tool messages are not part of the conversation). */
export function conversationMessages(request: ChatCompletionRequest): TurnMessage[] {
  return request.messages.flatMap((message) =>
    message.role === 'user' || message.role === 'assistant'
      ? [{ role: message.role, content: textOf(message.content) }]
      : [],
  );
}

/**
 * Identifies a conversation by what clients resend: the `user` field and metadata, and the messages
 * so far (whitespace at the ends of each trimmed, as clients often trim). The model is left out: a
 * client may switch models mid-conversation.
 */
export function conversationKey(request: ChatCompletionRequest, messages: readonly TurnMessage[]): string {
  const scope = { user: request.user ?? '', metadata: request.metadata ?? {} };
  const normalized = messages.map(({ role, content }) => [role, content.trim()]);
  return createHash('sha256')
    .update(JSON.stringify([scope, normalized]))
    .digest('hex');
}
