import type { InterpreterInfo, ModelInfo } from '@codeact/server';
import type { ReactNode } from 'react';
import { Composer } from './composer.js';
import { type ConversationChoice, ConversationPickers } from './conversation-pickers.js';
import { MenuButton } from './menu-button.js';

/** The start page: typing a first message starts a conversation with the chosen model and interpreter. */
export function HomePane({
  models,
  interpreters,
  choice,
  onChoice,
  onStart,
  onMenu,
  error,
}: {
  readonly models: readonly ModelInfo[];
  readonly interpreters: readonly InterpreterInfo[];
  readonly choice: ConversationChoice;
  readonly onChoice: (choice: ConversationChoice) => void;
  readonly onStart: (text: string) => Promise<boolean>;
  readonly onMenu: () => void;
  readonly error: string | undefined;
}): ReactNode {
  return (
    <main className="pane" data-testid="home">
      <header className="pane-header">
        <div className="title-row">
          <MenuButton onClick={onMenu} />
          <h1>New conversation</h1>
        </div>
      </header>
      <div className="home">
        <h2>Talk to a CodeAct agent</h2>
        <p>It answers by writing Python, running it in a sandboxed interpreter, and fixing its own errors.</p>
        <ConversationPickers {...{ choice, models, interpreters }} onChange={onChoice} idPrefix="home" />
      </div>
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <Composer running={false} pendingUploads={[]} onSend={onStart} onStop={async () => {}} />
    </main>
  );
}
