// A worker thread holding the Jupyter client (@jupyterlab/services over REST + WebSocket). It only
// relays: the executor in the main thread decides everything. It runs in its own thread so the
// library's console messages (reconnects, status changes) stay out of the host's output.
import { parentPort } from 'node:worker_threads';
import { KernelManager, ServerConnection } from '@jupyterlab/services';
import WebSocket from 'ws';

for (const method of ['log', 'info', 'warn', 'error', 'debug']) console[method] = () => {};

const port = parentPort;
let manager;
const kernels = new Map();
const futures = new Map();

function post(message) {
  port.postMessage(message);
}

function wire(kernel) {
  kernel.statusChanged.connect((_, status) => post({ event: 'status', kernelId: kernel.id, status }));
  kernel.connectionStatusChanged.connect((_, status) => post({ event: 'connection', kernelId: kernel.id, status }));
}

function kernelOf(kernelId) {
  const kernel = kernels.get(kernelId);
  if (!kernel) throw new Error(`no kernel ${kernelId}`);
  return kernel;
}

const operations = {
  async connect({ baseUrl, wsUrl, token }) {
    const serverSettings = ServerConnection.makeSettings({
      baseUrl,
      wsUrl,
      token,
      appendToken: true,
      WebSocket,
      fetch,
      Request,
      Headers,
    });
    manager = new KernelManager({ serverSettings });
    await manager.ready;
    return null;
  },
  async start({ kernelName }) {
    const kernel = await manager.startNew({ name: kernelName });
    kernels.set(kernel.id, kernel);
    wire(kernel);
    await kernel.info;
    return kernel.id;
  },
  execute({ kernelId, execId, code, silent }) {
    const kernel = kernelOf(kernelId);
    const future = kernel.requestExecute({
      code,
      silent: Boolean(silent),
      store_history: !silent,
      allow_stdin: true,
      stop_on_error: false,
    });
    futures.set(execId, future);
    future.onIOPub = (message) => {
      const type = message.header.msg_type;
      if (type === 'status' || type === 'execute_input') return;
      post({ event: 'iopub', execId, msgType: type, content: message.content });
    };
    future.onStdin = (message) => {
      if (message.header.msg_type !== 'input_request') return;
      future.pendingInput = message.header;
      post({ event: 'stdin', execId, prompt: message.content.prompt });
    };
    future.done
      .then(
        (reply) => post({ event: 'done', execId, status: reply?.content?.status ?? 'ok' }),
        (error) => post({ event: 'cancelled', execId, message: String(error?.message ?? error) }),
      )
      .finally(() => futures.delete(execId));
    return null;
  },
  input({ execId, value }) {
    const future = futures.get(execId);
    if (!future || future.isDisposed) return null;
    future.sendInputReply({ status: 'ok', value }, future.pendingInput);
    return null;
  },
  async interrupt({ kernelId }) {
    await kernelOf(kernelId).interrupt();
    return null;
  },
  async restart({ kernelId }) {
    await kernelOf(kernelId).restart();
    return null;
  },
  async shutdown({ kernelId }) {
    const kernel = kernels.get(kernelId);
    kernels.delete(kernelId);
    if (kernel && !kernel.isDisposed) await kernel.shutdown().catch(() => kernel.dispose());
    return null;
  },
  async dispose() {
    await Promise.all([...kernels.keys()].map((kernelId) => operations.shutdown({ kernelId })));
    manager?.dispose();
    return null;
  },
};

port.on('message', async (message) => {
  try {
    const value = await operations[message.op](message);
    if (message.id !== undefined) post({ reply: message.id, ok: true, value });
  } catch (error) {
    if (message.id !== undefined) post({ reply: message.id, ok: false, message: String(error?.message ?? error) });
  }
});
