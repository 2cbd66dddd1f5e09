import type { UploadNote } from '@codeact/server';
import { type ReactNode, useState } from 'react';

/** The message box: Enter sends, Shift+Enter adds a line; Stop ends the running turn. */
export function Composer({
  running,
  pendingUploads,
  onSend,
  onStop,
  disabledReason,
}: {
  readonly running: boolean;
  readonly pendingUploads: readonly UploadNote[];
  readonly onSend: (text: string) => Promise<boolean>;
  readonly onStop: () => Promise<void>;
  /** Set when no message can be sent now, and why. */
  readonly disabledReason?: string;
}): ReactNode {
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const submit = async () => {
    const message = text.trim();
    if (!message || running || sending || disabledReason) return;
    setSending(true);
    const sent = await onSend(message);
    setSending(false);
    if (sent) setText('');
  };
  return (
    <form
      className="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {pendingUploads.length > 0 && (
        <div className="uploads pending" data-testid="pending-uploads">
          {pendingUploads.map((upload) => (
            <span key={upload.name} className="chip">
              {upload.name}
            </span>
          ))}
          <span className="muted">will be mentioned to the agent with your next message</span>
        </div>
      )}
      <textarea
        value={text}
        placeholder={
          disabledReason ??
          (running ? 'The agent is working…' : 'Message the agent (Enter to send, Shift+Enter for a new line)')
        }
        disabled={disabledReason !== undefined}
        rows={3}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void submit();
          }
        }}
        data-testid="composer-input"
      />
      {running ? (
        <button type="button" className="stop" onClick={() => void onStop()} data-testid="stop-button">
          ■ Stop
        </button>
      ) : (
        <button
          type="submit"
          disabled={sending || text.trim() === '' || disabledReason !== undefined}
          data-testid="send-button"
        >
          Send
        </button>
      )}
    </form>
  );
}
