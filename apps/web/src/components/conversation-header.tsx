import type { ConversationSummary, InterpreterStatus, ModelInfo, WorkDirFile } from '@codeact/server';
import { type ReactNode, useState } from 'react';
import { InterpreterBadge } from './interpreter-badge.js';
import { MenuButton } from './menu-button.js';

function Title({
  title,
  onRename,
}: {
  readonly title: string;
  readonly onRename: (title: string) => Promise<void>;
}): ReactNode {
  const [draft, setDraft] = useState<string | undefined>();
  if (draft === undefined)
    return (
      <>
        <h1 data-testid="conversation-title">{title || 'New conversation'}</h1>
        <button
          type="button"
          className="rename"
          title="Rename"
          aria-label="Rename conversation"
          onClick={() => setDraft(title)}
          data-testid="rename-button"
        >
          ✎
        </button>
      </>
    );
  const save = async () => {
    const next = draft.trim();
    if (next && next !== title) await onRename(next);
    setDraft(undefined);
  };
  return (
    <input
      // biome-ignore lint/a11y/noAutofocus: the field appears because the user asked to rename.
      autoFocus
      value={draft}
      maxLength={200}
      aria-label="Conversation title"
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => void save()}
      onKeyDown={(event) => {
        if (event.key === 'Enter') void save();
        if (event.key === 'Escape') setDraft(undefined);
      }}
      data-testid="rename-input"
    />
  );
}

/** The conversation's title (renamable), model, interpreter, uploads, exports and totals. */
export function ConversationHeader({
  conversation,
  models,
  interpreter,
  busy,
  files,
  exportBase,
  onMenu,
  onRename,
  onModel,
  onUpload,
}: {
  readonly conversation: ConversationSummary;
  readonly models: readonly ModelInfo[];
  readonly interpreter: InterpreterStatus | undefined;
  readonly busy: boolean;
  readonly files: readonly WorkDirFile[];
  readonly exportBase: string;
  readonly onMenu: () => void;
  readonly onRename: (title: string) => Promise<void>;
  readonly onModel: (model: string) => Promise<void>;
  readonly onUpload: () => void;
}): ReactNode {
  const offered = models.some((model) => model.id === conversation.model);
  return (
    <header className="pane-header">
      <div className="title-row">
        <MenuButton onClick={onMenu} />
        <Title key={conversation.title} title={conversation.title} onRename={onRename} />
      </div>
      <div className="toolbar">
        <label>
          Model{' '}
          <select
            value={conversation.model}
            onChange={(event) => void onModel(event.target.value)}
            disabled={busy}
            data-testid="conversation-model"
          >
            {!offered && (
              <option value={conversation.model} disabled>
                {conversation.model} (not offered)
              </option>
            )}
            {models.map((model) => (
              <option key={model.id} value={model.id}>
                {model.label}
              </option>
            ))}
          </select>
        </label>
        <InterpreterBadge name={conversation.interpreter} status={interpreter} busy={busy} />
        <button type="button" onClick={onUpload} data-testid="upload-button">
          Upload file
        </button>
        <a className="button" href={`${exportBase}/export.ipynb`} download data-testid="export-ipynb">
          Export .ipynb
        </a>
        <a className="button" href={`${exportBase}/export.jsonl`} download data-testid="export-jsonl">
          Export JSONL
        </a>
        <a
          className="button"
          href={`${exportBase}/requirements.txt`}
          download
          data-testid="export-requirements"
          title="The packages installed in this conversation (%pip install), as name==version lines"
        >
          requirements.txt
        </a>
      </div>
      <div className="totals" data-testid="totals">
        {conversation.totals.turns} turn{conversation.totals.turns === 1 ? '' : 's'} ·{' '}
        {conversation.totals.usage.inputTokens.toLocaleString('en')} in /{' '}
        {conversation.totals.usage.outputTokens.toLocaleString('en')} out tokens
        {conversation.totals.costUsd === undefined ? '' : ` · $${conversation.totals.costUsd.toFixed(4)}`}
        {files.length > 0 && (
          <span className="files" data-testid="files">
            {' '}
            · files:{' '}
            {files.map((file) => (
              <a key={file.name} href={`${exportBase}/files/${encodeURIComponent(file.name)}`} download>
                {file.name}
              </a>
            ))}
          </span>
        )}
      </div>
    </header>
  );
}
