import type { Conversation, TrajectoryStore, Usage } from '@codeact/core';
import type { ConversationService } from '../conversations/conversation-service.js';
import { createEventQueue } from '../sse/pump-events.js';
import { type ChatCompletionRequest, conversationKey, conversationMessages, type TurnMessage } from './chat-request.js';
import { renderTurnMarkdown } from './render-turn-markdown.js';

/** The metadata field holding the key of the conversation's history so far. */
const keyField = 'openaiHistoryKey';

export type CompletionFailure = {
  readonly status: 400 | 404 | 409 | 429 | 503;
  readonly code: string;
  readonly message: string;
};

/** A running turn: Markdown pieces as they come, then the totals. */
export type CompletionTurn = {
  readonly conversationId: string;
  readonly pieces: AsyncIterable<string>;
};

export type CompletionTotals = { readonly usage: Usage; readonly status: string };

async function findConversation(store: TrajectoryStore, owner: string, key: string): Promise<Conversation | undefined> {
  let cursor: string | undefined;
  do {
    const page = await store.listConversations({ owner, cursor, limit: 200 });
    const found = page.items.find((conversation) => conversation.metadata[keyField] === key);
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}

function transcript(messages: readonly TurnMessage[]): string {
  return messages.map(({ role, content }) => `${role === 'user' ? 'User' : 'Assistant'}: ${content}`).join('\n\n');
}

/**
 * Runs one chat-completions request as a turn of a codeact conversation. The conversation is found
 * by the key of the history the client resent (so its interpreter continues, or is rebuilt by
 * replay after a restart); an unknown history starts a new conversation, with earlier messages
 * given as text. The conversation is an ordinary one: the web UI shows it.
 */
export async function startCompletionTurn(options: {
  readonly service: ConversationService;
  readonly store: TrajectoryStore;
  readonly owner: string;
  readonly request: ChatCompletionRequest;
  readonly figureUrl: (conversationId: string, runId: string, step: number, index: number) => string;
  readonly onTotals: (totals: CompletionTotals) => void;
}): Promise<{ success: true; value: CompletionTurn } | { success: false; error: CompletionFailure }> {
  const { service, store, owner, request } = options;
  const messages = conversationMessages(request);
  const last = messages.at(-1);
  if (last?.role !== 'user' || !last.content.trim()) {
    return {
      success: false,
      error: {
        status: 400,
        code: 'invalid_request_error',
        message: 'The last message must be a non-empty user message.',
      },
    };
  }
  const history = messages.slice(0, -1);
  let conversation =
    history.length > 0 ? await findConversation(store, owner, conversationKey(request, history)) : undefined;
  let prompt = last.content;
  if (!conversation) {
    const created = await service.create(owner, { model: request.model, title: last.content.slice(0, 80) });
    if (!created.success) {
      const message =
        created.error === 'bad-model'
          ? `The model ${request.model} does not exist; GET /v1/models lists them.`
          : 'No interpreter is available.';
      return {
        success: false,
        error: {
          status: created.error === 'bad-model' ? 404 : 503,
          code: created.error === 'bad-model' ? 'model_not_found' : 'unavailable',
          message,
        },
      };
    }
    conversation = await service.get(owner, created.value.id);
    if (history.length > 0)
      prompt = `Earlier conversation (from the client):\n\n${transcript(history)}\n\nUser: ${last.content}`;
  }
  const id = (conversation as Conversation).id;

  const queue = createEventQueue();
  const subscription = await service.subscribe(owner, id, queue.push);
  const posted = await service.postMessage(owner, id, prompt, request.model);
  if (!posted.success) {
    subscription?.unsubscribe();
    const status =
      posted.error === 'busy' ? 409 : posted.error === 'server-busy' ? 429 : posted.error === 'not-found' ? 404 : 400;
    return {
      success: false,
      error: { status, code: posted.error, message: `The conversation cannot take a message now (${posted.error}).` },
    };
  }

  async function* pieces(): AsyncGenerator<string> {
    let content = '';
    try {
      for (let event = await queue.next(); event; event = await queue.next()) {
        if (event.event === 'agent') {
          const piece = renderTurnMarkdown(event.data, (runId, step, index) =>
            options.figureUrl(id, runId, step, index),
          );
          if (piece) {
            content += piece;
            yield piece;
          }
        } else if (event.event === 'turn-end' && event.data.turnId === (posted as { turnId: string }).turnId) {
          const current = await store.getConversation(id, { owner });
          const key = conversationKey(request, [...messages, { role: 'assistant', content }]);
          await store.updateConversation(id, { metadata: { ...current?.metadata, [keyField]: key } }, { owner });
          options.onTotals({ usage: event.data.usage, status: event.data.status });
          return;
        }
      }
    } finally {
      queue.close();
      subscription?.unsubscribe();
    }
  }
  return { success: true, value: { conversationId: id, pieces: pieces() } };
}
