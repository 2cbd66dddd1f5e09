import type { InterpreterInfo, ModelInfo } from '@codeact/server';
import type { ReactNode } from 'react';

/** The model and interpreter a new conversation will use. */
export type ConversationChoice = { readonly model: string; readonly interpreter: string };

/** Model and interpreter pickers for a new conversation, with what the chosen interpreter offers. */
export function ConversationPickers({
  choice,
  models,
  interpreters,
  onChange,
  idPrefix,
}: {
  readonly choice: ConversationChoice;
  readonly models: readonly ModelInfo[];
  readonly interpreters: readonly InterpreterInfo[];
  readonly onChange: (choice: ConversationChoice) => void;
  /** Test-id prefix, so the sidebar's and the home page's pickers can be told apart. */
  readonly idPrefix: string;
}): ReactNode {
  const chosen = interpreters.find((entry) => entry.id === choice.interpreter);
  return (
    <div className="pickers">
      <label>
        Model
        <select
          value={choice.model}
          onChange={(event) => onChange({ ...choice, model: event.target.value })}
          data-testid={`${idPrefix}-model`}
        >
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
          value={choice.interpreter}
          onChange={(event) => onChange({ ...choice, interpreter: event.target.value })}
          data-testid={`${idPrefix}-interpreter`}
        >
          {interpreters.map((entry) => (
            <option key={entry.id} value={entry.id} disabled={!entry.available}>
              {entry.label}
              {entry.available ? '' : ' (unavailable)'}
            </option>
          ))}
        </select>
      </label>
      {chosen && (
        <p className="hint" data-testid={`${idPrefix}-interpreter-hint`}>
          {chosen.description}
        </p>
      )}
    </div>
  );
}

/** Whether a conversation can be started with this choice. */
export function canStart(choice: ConversationChoice, interpreters: readonly InterpreterInfo[]): boolean {
  return Boolean(choice.model) && Boolean(interpreters.find((entry) => entry.id === choice.interpreter)?.available);
}
