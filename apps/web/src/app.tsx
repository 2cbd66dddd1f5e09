import type { ConversationSummary, InterpreterInfo, ModelInfo } from '@codeact/server';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { client, loginFromFragment } from './api.js';
import { ConversationPane } from './components/conversation-pane.js';
import type { ConversationChoice } from './components/conversation-pickers.js';
import { HomePane } from './components/home-pane.js';
import { Login } from './components/login.js';
import { Sidebar } from './components/sidebar.js';

function idFromPath(): string | undefined {
  return /^\/c\/([A-Za-z0-9_-]+)$/.exec(window.location.pathname)?.[1];
}

function ChatApp(): ReactNode {
  const [models, setModels] = useState<ModelInfo[]>([]);
  const [interpreters, setInterpreters] = useState<InterpreterInfo[]>([]);
  const [choice, setChoice] = useState<ConversationChoice>({ model: '', interpreter: '' });
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [selectedId, setSelectedId] = useState<string | undefined>(idFromPath());
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [homeError, setHomeError] = useState<string | undefined>();

  const loadConversations = useCallback(async () => {
    const response = await client.api.conversations.$get();
    if (response.ok)
      setConversations(((await response.json()) as { conversations: ConversationSummary[] }).conversations);
  }, []);

  useEffect(() => {
    void (async () => {
      const [modelResponse, interpreterResponse] = await Promise.all([
        client.api.models.$get(),
        client.api.interpreters.$get(),
      ]);
      const offered = modelResponse.ok ? await modelResponse.json() : { models: [], defaultModel: '' };
      const available = interpreterResponse.ok
        ? await interpreterResponse.json()
        : { interpreters: [], defaultInterpreter: '' };
      setModels(offered.models);
      setInterpreters(available.interpreters);
      setChoice({ model: offered.defaultModel, interpreter: available.defaultInterpreter });
    })();
    void loadConversations();
    const onPop = () => setSelectedId(idFromPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [loadConversations]);

  const select = (id: string | undefined) => {
    setSelectedId(id);
    setDrawerOpen(false);
    setHomeError(undefined);
    history.pushState(null, '', id ? `/c/${id}` : '/');
  };
  const create = async (): Promise<string | undefined> => {
    // Until the pickers have loaded, the server's defaults apply.
    const json = {
      ...(choice.model ? { model: choice.model } : {}),
      ...(choice.interpreter ? { interpreter: choice.interpreter } : {}),
    };
    const response = await client.api.conversations.$post({ json });
    if (response.status !== 201) {
      const body = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
      setHomeError(body.message ?? `Could not start a conversation (${body.error ?? response.status}).`);
      return undefined;
    }
    const { conversation } = (await response.json()) as { conversation: ConversationSummary };
    await loadConversations();
    return conversation.id;
  };
  const start = async (text: string): Promise<boolean> => {
    const id = await create();
    if (!id) return false;
    await client.api.conversations[':id'].messages.$post({ param: { id }, json: { text } });
    select(id);
    return true;
  };
  const remove = async (id: string) => {
    await client.api.conversations[':id'].$delete({ param: { id } });
    if (id === selectedId) select(undefined);
    await loadConversations();
  };

  const pickers = { models, interpreters, choice, onChoice: setChoice };
  return (
    <div className={`layout${drawerOpen ? ' drawer-open' : ''}`}>
      <Sidebar
        conversations={conversations}
        selectedId={selectedId}
        {...pickers}
        onSelect={select}
        onCreate={() => void create().then((id) => id && select(id))}
        onDelete={(id) => void remove(id)}
        onClose={() => setDrawerOpen(false)}
      />
      <button
        type="button"
        className="drawer-backdrop"
        aria-label="Close the menu"
        onClick={() => setDrawerOpen(false)}
      />
      {selectedId ? (
        <ConversationPane
          key={selectedId}
          id={selectedId}
          models={models}
          onChanged={loadConversations}
          onMenu={() => setDrawerOpen(true)}
        />
      ) : (
        <HomePane {...pickers} onStart={start} onMenu={() => setDrawerOpen(true)} error={homeError} />
      )}
    </div>
  );
}

/** Signs in (from `#token=` or a form), then shows the chat. */
export function App(): ReactNode {
  const [state, setState] = useState<'checking' | 'signed-in' | 'signed-out'>('checking');
  useEffect(() => {
    void (async () => {
      await loginFromFragment();
      const me = await client.api.me.$get();
      setState(me.ok ? 'signed-in' : 'signed-out');
    })();
  }, []);
  if (state === 'checking') return <main className="pane empty">Connecting…</main>;
  if (state === 'signed-out') return <Login onLogin={() => setState('signed-in')} />;
  return <ChatApp />;
}
