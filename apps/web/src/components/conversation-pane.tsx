import type { ConversationDetail, InterpreterStatus, ModelInfo, UploadNote, WorkDirFile } from '@codeact/server';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import { client, followConversation, uploadFile } from '../api.js';
import { applyAgentEvent, endLiveTurn, startLiveTurn, type TurnModel, turnFromView } from '../turn-model.js';
import { Composer } from './composer.js';
import { InterpreterBadge } from './interpreter-badge.js';
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
}: {
  readonly id: string;
  readonly models: readonly ModelInfo[];
  readonly onChanged: () => void;
}): ReactNode {
  const [detail, setDetail] = useState<ConversationDetail | undefined>();
  const [live, setLive] = useState<TurnModel | undefined>();
  const [interpreter, setInterpreter] = useState<InterpreterStatus | undefined>();
  const [files, setFiles] = useState<{ files: readonly WorkDirFile[]; pendingUploads: readonly UploadNote[] }>({
    files: [],
    pendingUploads: [],
  });
  const [error, setError] = useState<string | undefined>();
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
  const stop = async () => {
    await client.api.conversations[':id'].stop.$post({ param: { id } });
  };
  const changeModel = async (model: string) => {
    const response = await client.api.conversations[':id'].$patch({ param: { id }, json: { model } });
    if (response.ok) await refresh();
  };
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
  const running = Boolean(live?.live);
  const exportBase = `/api/conversations/${encodeURIComponent(id)}`;

  return (
    <main className="pane">
      <header className="pane-header">
        <h1 data-testid="conversation-title">{conversation.title || 'New conversation'}</h1>
        <div className="toolbar">
          <label>
            Model{' '}
            <select
              value={conversation.model}
              onChange={(event) => void changeModel(event.target.value)}
              disabled={running}
              data-testid="conversation-model"
            >
              {models.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.label}
                </option>
              ))}
            </select>
          </label>
          <InterpreterBadge name={conversation.interpreter} status={interpreter} />
          <button type="button" onClick={() => uploadInput.current?.click()} data-testid="upload-button">
            Upload file
          </button>
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
          <a className="button" href={`${exportBase}/export.ipynb`} download data-testid="export-ipynb">
            Export .ipynb
          </a>
          <a className="button" href={`${exportBase}/export.jsonl`} download data-testid="export-jsonl">
            Export JSONL
          </a>
        </div>
        <div className="totals" data-testid="totals">
          {conversation.totals.turns} turn{conversation.totals.turns === 1 ? '' : 's'} ·{' '}
          {conversation.totals.usage.inputTokens.toLocaleString('en')} in /{' '}
          {conversation.totals.usage.outputTokens.toLocaleString('en')} out tokens
          {conversation.totals.costUsd === undefined ? '' : ` · $${conversation.totals.costUsd.toFixed(4)}`}
          {files.files.length > 0 && (
            <span className="files" data-testid="files">
              {' '}
              · files:{' '}
              {files.files.map((file) => (
                <a key={file.name} href={`${exportBase}/files/${encodeURIComponent(file.name)}`} download>
                  {file.name}
                </a>
              ))}
            </span>
          )}
        </div>
      </header>
      {lost && (
        <div className="banner warn" data-testid="state-lost">
          Interpreter state partly lost after a restart: {lost.reason}. The agent was told.
        </div>
      )}
      {error && (
        <div className="banner error" role="alert">
          {error}
        </div>
      )}
      <div className="turns">
        {turns.length === 0 && !live && (
          <p className="notice muted intro">
            Ask something the agent can answer by running Python — upload a CSV and ask for a plot, for example.
          </p>
        )}
        {turns.map((turn) => (
          <TurnBlock key={turn.key} turn={turn} replayed={interpreter?.replayed ?? []} lostAt={lostAt} />
        ))}
        {live && <TurnBlock turn={live} replayed={interpreter?.replayed ?? []} lostAt={lostAt} />}
        <div ref={bottom} />
      </div>
      <Composer running={running} pendingUploads={files.pendingUploads} onSend={send} onStop={stop} />
    </main>
  );
}
