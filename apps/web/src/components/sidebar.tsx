import type { ConversationSummary, InterpreterInfo, ModelInfo } from '@codeact/server';
import type { ReactNode } from 'react';
import { type ConversationChoice, ConversationPickers, canStart } from './conversation-pickers.js';

/** New-conversation pickers and the list of conversations; a drawer on narrow screens. */
export function Sidebar({
  conversations,
  selectedId,
  models,
  interpreters,
  choice,
  onChoice,
  onSelect,
  onCreate,
  onDelete,
  onClose,
}: {
  readonly conversations: readonly ConversationSummary[];
  readonly selectedId: string | undefined;
  readonly models: readonly ModelInfo[];
  readonly interpreters: readonly InterpreterInfo[];
  readonly choice: ConversationChoice;
  readonly onChoice: (choice: ConversationChoice) => void;
  readonly onSelect: (id: string) => void;
  readonly onCreate: () => void;
  readonly onDelete: (id: string) => void;
  readonly onClose: () => void;
}): ReactNode {
  const modelLabel = (id: string) => models.find((model) => model.id === id)?.label ?? `${id} (not offered)`;
  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="brand">
        <span>
          codeact <span className="muted">chat</span>
        </span>
        <button type="button" className="drawer-close" aria-label="Close the menu" onClick={onClose}>
          ×
        </button>
      </div>
      <div className="new-conversation">
        <ConversationPickers {...{ choice, models, interpreters }} onChange={onChoice} idPrefix="new" />
        <button
          type="button"
          className="primary"
          disabled={!canStart(choice, interpreters)}
          onClick={onCreate}
          data-testid="new-conversation"
        >
          + New conversation
        </button>
      </div>
      <nav className="conversation-list" data-testid="conversation-list">
        {conversations.map((conversation) => (
          <div
            key={conversation.id}
            className={`conversation-item${conversation.id === selectedId ? ' selected' : ''}`}
          >
            <button
              type="button"
              className="link"
              onClick={() => onSelect(conversation.id)}
              data-testid="conversation-item"
            >
              <span className="title">{conversation.title || 'New conversation'}</span>
              <span className="meta" data-testid="conversation-item-model">
                {conversation.running ? '● running · ' : ''}
                {conversation.totals.turns} turn{conversation.totals.turns === 1 ? '' : 's'} ·{' '}
                {modelLabel(conversation.model)}
              </span>
            </button>
            <button
              type="button"
              className="delete"
              title="Delete conversation"
              aria-label="Delete conversation"
              onClick={() => {
                if (window.confirm('Delete this conversation, its files and its interpreter?'))
                  onDelete(conversation.id);
              }}
            >
              ×
            </button>
          </div>
        ))}
      </nav>
    </aside>
  );
}
