import type { ConversationSummary, InterpreterInfo, ModelInfo } from '@codeact/server';
import { type ReactNode, useEffect, useState } from 'react';

/** New-conversation pickers and the list of conversations. */
export function Sidebar({
  conversations,
  selectedId,
  models,
  defaultModel,
  interpreters,
  defaultInterpreter,
  onSelect,
  onCreate,
  onDelete,
}: {
  readonly conversations: readonly ConversationSummary[];
  readonly selectedId: string | undefined;
  readonly models: readonly ModelInfo[];
  readonly defaultModel: string;
  readonly interpreters: readonly InterpreterInfo[];
  readonly defaultInterpreter: string;
  readonly onSelect: (id: string) => void;
  readonly onCreate: (model: string, interpreter: string) => void;
  readonly onDelete: (id: string) => void;
}): ReactNode {
  const [model, setModel] = useState(defaultModel);
  const [interpreter, setInterpreter] = useState(defaultInterpreter);
  useEffect(() => setModel(defaultModel), [defaultModel]);
  useEffect(() => setInterpreter(defaultInterpreter), [defaultInterpreter]);
  const chosen = interpreters.find((entry) => entry.id === interpreter);
  return (
    <aside className="sidebar">
      <div className="brand">
        codeact <span className="muted">chat</span>
      </div>
      <div className="new-conversation">
        <label>
          Model
          <select value={model} onChange={(event) => setModel(event.target.value)} data-testid="new-model">
            {models.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Interpreter
          <select
            value={interpreter}
            onChange={(event) => setInterpreter(event.target.value)}
            data-testid="new-interpreter"
          >
            {interpreters.map((entry) => (
              <option key={entry.id} value={entry.id} disabled={!entry.available}>
                {entry.label}
                {entry.available ? '' : ' (unavailable)'}
              </option>
            ))}
          </select>
        </label>
        {chosen && <p className="hint">{chosen.description}</p>}
        <button
          type="button"
          className="primary"
          disabled={!model || !chosen?.available}
          onClick={() => onCreate(model, interpreter)}
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
              <span className="meta">
                {conversation.running ? '● running · ' : ''}
                {conversation.totals.turns} turn{conversation.totals.turns === 1 ? '' : 's'} · {conversation.model}
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
