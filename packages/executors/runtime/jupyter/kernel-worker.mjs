// A worker thread holding the Jupyter client (@jupyterlab/services over REST + WebSocket). It only
// relays: the executor in the main thread decides everything. It runs in its own thread so the
// library's console messages (reconnects, status changes) stay out of the host's output.
import { parentPort } from 'node:worker_threads';
import { KernelManager, ServerConnection } from '@jupyterlab/services';
import WebSocket from 'ws';

for (const method of ['log', 'info', 'warn', 'error', 'debug']) console[method] = () => {};
// @jupyterlab/services leaves some of its own promises unhandled: the kernel_info_request it sends on
// every (re)connection may never be answered, and when the server auto-restarts a crashed kernel it
// cancels that request ("Canceled future for kernel_info_request…") with nobody listening. Node ends
// a worker thread on an unhandled rejection, which would strand every session's kernel at once; each
// of our own requests is awaited below and answered, so a stray library rejection is dropped here.
process.on('unhandledRejection', () => {});

const port = parentPort;
let manager;
const kernels = new Map();
/** execId → { kernelId, code, silent, future, seen, wire } for every running cell. */
const cells = new Map();

function post(message) {
  port.postMessage(message);
}

function wire(kernel) {
  kernel.statusChanged.connect((_, status) => post({ event: 'status', kernelId: kernel.id, status }));
  kernel.connectionStatusChanged.connect((_, status) => {
    post({ event: 'connection', kernelId: kernel.id, status });
    if (status !== 'connected') return;
    kernel.codeactWire = (kernel.codeactWire ?? 0) + 1;
    void resendUnseen(kernel, kernel.codeactWire);
  });
}

/**
 * After the WebSocket comes back: a request written into the dying socket is lost (the server never
 * saw it, so it neither ran nor has replies buffered for us), and its cell would wait forever. Once
 * a kernel_info round trip proves the new connection (or after the library's own 3 s failsafe, as
 * that reply can go missing while the server sets up its channels), a cell the kernel has shown no
 * sign of (not even its `busy` status, which the server replays to a reconnecting client) is sent again.
 */
async function resendUnseen(kernel, wire) {
  const failsafe = new Promise((resolve) => setTimeout(resolve, 3000));
  await Promise.race([kernel.requestKernelInfo().catch(() => {}), failsafe]);
  if (kernel.isDisposed || kernel.connectionStatus !== 'connected') return;
  for (const [execId, cell] of cells) {
    // Only a request written to an earlier socket: one queued meanwhile is the library's to send.
    const lost = cell.wire !== undefined && cell.wire < wire;
    if (cell.kernelId === kernel.id && lost && !cell.seen && !cell.future.isDisposed) send(execId, cell);
  }
}

function kernelOf(kernelId) {
  const kernel = kernels.get(kernelId);
  if (!kernel) throw new Error(`no kernel ${kernelId}`);
  return kernel;
}

const restartingStates = new Set(['starting', 'restarting', 'autorestarting', 'unknown']);

/** Sends (or sends again) a cell; only its current future reports. */
function send(execId, cell) {
  let future;
  try {
    const kernel = kernelOf(cell.kernelId);
    // Written to the socket at once, or queued by the library until the (re)connection is ready.
    const writable = kernel.connectionStatus === 'connected' && !restartingStates.has(kernel.status);
    cell.wire = writable ? (kernel.codeactWire ?? 0) : undefined;
    future = kernel.requestExecute({
      code: cell.code,
      silent: Boolean(cell.silent),
      store_history: !cell.silent,
      allow_stdin: true,
      stop_on_error: false,
    });
  } catch (error) {
    // A dead or disposed kernel refuses at once: the cell ends here instead of waiting forever.
    cells.delete(execId);
    post({ event: 'cancelled', execId, message: String(error?.message ?? error) });
    return;
  }
  const previous = cell.future;
  cell.future = future;
  cells.set(execId, cell);
  previous?.dispose();
  const current = () => cells.get(execId)?.future === future;
  future.onIOPub = (message) => {
    cell.seen = true;
    const type = message.header.msg_type;
    if (type === 'status' || type === 'execute_input' || !current()) return;
    post({ event: 'iopub', execId, msgType: type, content: message.content });
  };
  future.onStdin = (message) => {
    cell.seen = true;
    if (message.header.msg_type !== 'input_request' || !current()) return;
    future.pendingInput = message.header;
    post({ event: 'stdin', execId, prompt: message.content.prompt });
  };
  future.done.then(
    (reply) => {
      if (!current()) return;
      cells.delete(execId);
      post({ event: 'done', execId, status: reply?.content?.status ?? 'ok' });
    },
    (error) => {
      if (!current()) return;
      cells.delete(execId);
      post({ event: 'cancelled', execId, message: String(error?.message ?? error) });
    },
  );
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
  alive({ kernelId }) {
    const kernel = kernels.get(kernelId);
    return Boolean(kernel && !kernel.isDisposed && kernel.status !== 'dead');
  },
  execute({ kernelId, execId, code, silent }) {
    send(execId, { kernelId, code, silent, future: undefined, seen: false, wire: undefined });
    return null;
  },
  input({ execId, value }) {
    const future = cells.get(execId)?.future;
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
