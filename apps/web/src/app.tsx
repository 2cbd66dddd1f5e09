import type { ConversationSummary, InterpreterInfo, ModelInfo } from '@codeact/server';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { client, loginFromFragment } from './api.js';
import { ConversationPane } from './components/conversation-pane.js';
import { Login } from './components/login.js';
import { Sidebar } from './components/sidebar.js';

function idFromPath(): string | undefined {
  return /^\/c\/([A-Za-z0-9_-]+)$/.exec(window.location.pathname)?.[1];
}

function ChatApp(): ReactNode {
  const [models, setModels] = useState<{ models: ModelInfo[]; defaultModel: string }>({ models: [], defaultModel: '' });
  const [interpreters, setInterpreters] = useState<{ interpreters: InterpreterInfo[]; defaultInterpreter: string }>({
    interpreters: [],
    defaultInterpreter: '',
  });
  const [conversations, setConversations] = useState<ConversationSummary[]>([]);
  const [selectedId, setSelectedId] = useState<string | undefined>(idFromPath());

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
      if (modelResponse.ok) setModels(await modelResponse.json());
      if (interpreterResponse.ok) setInterpreters(await interpreterResponse.json());
    })();
    void loadConversations();
    const onPop = () => setSelectedId(idFromPath());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, [loadConversations]);

  const select = (id: string | undefined) => {
    setSelectedId(id);
    history.pushState(null, '', id ? `/c/${id}` : '/');
  };
  const create = async (model: string, interpreter: string) => {
    const response = await client.api.conversations.$post({ json: { model, interpreter } });
    if (response.status === 201) {
      const { conversation } = (await response.json()) as { conversation: ConversationSummary };
      await loadConversations();
      select(conversation.id);
    }
  };
  const remove = async (id: string) => {
    await client.api.conversations[':id'].$delete({ param: { id } });
    if (id === selectedId) select(undefined);
    await loadConversations();
  };

  return (
    <div className="layout">
      <Sidebar
        conversations={conversations}
        selectedId={selectedId}
        models={models.models}
        defaultModel={models.defaultModel}
        interpreters={interpreters.interpreters}
        defaultInterpreter={interpreters.defaultInterpreter}
        onSelect={select}
        onCreate={(model, interpreter) => void create(model, interpreter)}
        onDelete={(id) => void remove(id)}
      />
      {selectedId ? (
        <ConversationPane key={selectedId} id={selectedId} models={models.models} onChanged={loadConversations} />
      ) : (
        <main className="pane empty">
          <div>
            <h2>Talk to a CodeAct agent</h2>
            <p>It answers by writing Python, running it in a sandboxed interpreter, and fixing its own errors.</p>
            <p>Pick a model and an interpreter, then start a new conversation.</p>
          </div>
        </main>
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
