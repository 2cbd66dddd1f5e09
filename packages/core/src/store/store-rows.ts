import { Conversation, ConversationMessage } from './trajectory-store.js';

/** The columns SQL stores keep for a conversation (snake_case, metadata as JSON text). */
export type ConversationRowFields = {
  readonly id: string;
  readonly owner: string | null;
  readonly title: string;
  readonly model: string;
  readonly interpreter: string;
  readonly metadata: string;
  readonly created_at: string;
  readonly updated_at: string;
};

/** The columns SQL stores keep for a conversation message. */
export type MessageRowFields = {
  readonly seq: number;
  readonly role: string;
  readonly content: string;
  readonly run_id: string | null;
  readonly metadata: string | null;
  readonly created_at: string;
};

/** A stored conversation row, validated back into a `Conversation`. */
export function conversationFromRow(row: ConversationRowFields): Conversation {
  return Conversation.parse({
    id: row.id,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    model: row.model,
    interpreter: row.interpreter,
    metadata: JSON.parse(row.metadata),
    ...(row.owner === null ? {} : { owner: row.owner }),
  });
}

/** A stored message row, validated back into a `ConversationMessage`. */
export function messageFromRow(row: MessageRowFields): ConversationMessage {
  return ConversationMessage.parse({
    role: row.role,
    content: row.content,
    seq: row.seq,
    createdAt: row.created_at,
    ...(row.run_id === null ? {} : { runId: row.run_id }),
    ...(row.metadata === null ? {} : { metadata: JSON.parse(row.metadata) }),
  });
}
