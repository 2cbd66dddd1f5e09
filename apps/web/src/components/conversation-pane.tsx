import type { ConversationDetail, InterpreterStatus, ModelInfo, UploadNote, WorkDirFile } from '@codeact/server';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { client, followConversation, uploadFile } from '../api.js';
import {
  applyAgentEvent,
  endLiveTurn,
  executedCells,
  startLiveTurn,
  type TurnModel,
  turnFromView,
} from '../turn-model.js';
import { type ApprovalAnswer, ApprovalDialog } from './approval-dialog.js';
import { Composer } from './composer.js';
import { ConversationHeader } from './conversation-header.js';
import { TurnBlock } from './turn-block.js';

async function fetchDetail(id: string): Promise<ConversationDetail | undefined> {
  const response = await client.api.conversations[':id'].$get({ param: { id } });
  return response.ok ? ((await response.json()) as ConversationDetail) : undefined;
}

/** One conversation: its turns, the live turn, the interpreter, files, exports and the composer. */
export function ConversationPane({
  id,
  models,
  onChanged,
  onMenu,
}: {
  readonly id: string;
  readonly models: readonly ModelInfo[];
  readonly onChanged: () => void;
  readonly onMenu: () => void;
}): ReactNode {
  const [detail, setDetail] = useState<ConversationDetail | undefined>();
  const [live, setLive] = useState<TurnModel | undefined>();
  const [interpreter, setInterpreter] = useState<InterpreterStatus | undefined>();
  const [files, setFiles] = useState<{ files: readonly WorkDirFile[]; pendingUploads: readonly UploadNote[] }>({
    files: [],
    pendingUploads: [],
  });
  const [error, setError] = useState<string | undefined>();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const bottom = useRef<HTMLDivElement>(null);
  const uploadInput = useRef<HTMLInputElement>(null);

  const refresh = useCallback(async () => {
    const next = await fetchDetail(id);
    if (!next) {
      setError('This conversation no longer exists.');
      return;
    }
    setDetail(next);
    setInterpreter(next.interpreter);
    setFiles({ files: next.files, pendingUploads: next.pendingUploads });
    setLive((current) =>
      next.activeTurn ? (current ?? startLiveTurn(next.activeTurn.turnId, next.activeTurn.prompt)) : undefined,
    );
  }, [id]);

  useEffect(() => {
    setDetail(undefined);
    setLive(undefined);
    setError(undefined);
    void refresh();
    return followConversation(id, {
      hello: (data) => {
        setInterpreter(data.interpreter);
        const active = data.activeTurn;
        if (active) setLive((current) => current ?? startLiveTurn(active.turnId, active.prompt));
        // A turn that ended before this stream opened sends no turn-end here: read what was stored.
        else void refresh();
      },
      'turn-start': (data) => setLive(startLiveTurn(data.turnId, data.prompt)),
      agent: (event) => setLive((current) => (current ? applyAgentEvent(current, event) : current)),
      interpreter: (data) => setInterpreter(data),
      'turn-end': (data) => {
        setLive((current) => (current ? endLiveTurn(current, data) : current));
        if (data.error && data.status !== 'aborted') setError(`The turn failed: ${data.error.message}`);
        void refresh().then(onChanged);
      },
      files: (data) => setFiles(data),
    });
  }, [id, refresh, onChanged]);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'end' });
  }, [live, detail]);

  const send = async (text: string) => {
    setError(undefined);
    const response = await client.api.conversations[':id'].messages.$post({ param: { id }, json: { text } });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
      setError(body.message ?? `Could not send (${body.error ?? response.status}).`);
      return false;
    }
    return true;
  };
  const answerApproval = async (callId: string, answer: ApprovalAnswer) => {
    const response = await client.api.conversations[':id'].approvals[':callId'].$post({
      param: { id, callId },
      json: { answer },
    });
    // Answered elsewhere or timed out: the response event removes the request either way.
    if (!response.ok && response.status !== 409) setError(`Could not answer the tool call (${response.status}).`);
  };
  const stop = async () => {
    await client.api.conversations[':id'].stop.$post({ param: { id } });
  };
  const update = async (json: { model?: string; title?: string }) => {
    const response = await client.api.conversations[':id'].$patch({ param: { id }, json });
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { message?: string };
      setError(body.message ?? `Could not save the change (${response.status}).`);
      return;
    }
    await refresh();
    onChanged();
  };
  const changeModel = (model: string) => update({ model });
  const rename = (title: string) => update({ title });
  const dismiss = (banner: string) => setDismissed((current) => new Set(current).add(banner));
  const upload = async (file: File) => {
    const response = await uploadFile(id, file);
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      setError(`Upload failed (${body.error ?? response.status}).`);
    }
  };

  if (error && !detail) return <main className="pane empty">{error}</main>;
  if (!detail) return <main className="pane empty">Loading…</main>;
  const conversation = detail.conversation;
  const lost = interpreter?.lost;
  const lostAt = lost?.at ? { ...lost.at, reason: lost.reason } : undefined;
  const turns = detail.turns.map(turnFromView);
  const firstCells = [1];
  for (const turn of turns) firstCells.push((firstCells.at(-1) ?? 1) + executedCells(turn));

  const running = Boolean(live?.live);
  const exportBase = `/api/conversations/${encodeURIComponent(id)}`;
  const modelOffered = models.length === 0 || models.some((model) => model.id === conversation.model);

  return (
    <main className="pane">
      <ConversationHeader
        conversation={conversation}
        models={models}
        interpreter={interpreter}
        busy={running}
        files={files.files}
        exportBase={exportBase}
        onMenu={onMenu}
        onRename={rename}
        onModel={changeModel}
        onUpload={() => uploadInput.current?.click()}
      />
      <input
        ref={uploadInput}
        type="file"
        className="hidden"
        data-testid="upload-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void upload(file);
          event.target.value = '';
        }}
      />
      {!modelOffered && (
        <div className="banner warn" data-testid="model-unavailable">
          This conversation used the model {conversation.model}, which this server no longer offers. Choose another
          model above to continue.
        </div>
      )}
      {lost && !dismissed.has('lost') && (
        <div className="banner warn" data-testid="state-lost">
          Interpreter state partly lost after a restart: {lost.reason}. The agent was told.
          <DismissButton onClick={() => dismiss('lost')} />
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
          <DismissButton onClick={() => setError(undefined)} />
        </div>
      )}
      <div className="turns" data-testid="transcript">
        {turns.length === 0 && !live && (
          <p className="notice muted intro">
            Ask something the agent can answer by running Python — upload a CSV and ask for a plot, for example.
          </p>
        )}
        {turns.map((turn, index) => (
          <TurnBlock
            key={turn.key}
            turn={turn}
            replayed={interpreter?.replayed ?? []}
            lostAt={lostAt}
            firstCell={firstCells[index] ?? 1}
          />
        ))}
        {live && (
          <TurnBlock
            turn={live}
            replayed={interpreter?.replayed ?? []}
            lostAt={lostAt}
            firstCell={firstCells[turns.length] ?? 1}
          />
        )}
        <div ref={bottom} />
      </div>
      {live?.approvals?.[0] && (
        <ApprovalDialog
          key={live.approvals[0].callId}
          request={live.approvals[0]}
          onAnswer={(answer) => answerApproval(live.approvals?.[0]?.callId ?? '', answer)}
        />
      )}
      <Composer
        running={running}
        pendingUploads={files.pendingUploads}
        onSend={send}
        onStop={stop}
        {...(modelOffered ? {} : { disabledReason: 'Choose a model this server offers to continue.' })}
      />
    </main>
  );
}

function DismissButton({ onClick }: { readonly onClick: () => void }): ReactNode {
  return (
    <button type="button" className="dismiss" aria-label="Dismiss" onClick={onClick}>
      ×
    </button>
  );
}
