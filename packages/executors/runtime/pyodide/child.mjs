// The confined child process of one Pyodide session. The host speaks line-JSON on stdin/stdout; this
// thread relays cells to the Pyodide worker, raises interrupts through a SharedArrayBuffer and answers
// the worker's blocking tool calls. Python never runs on this thread.
import { Socket } from 'node:net';
import { MessageChannel, Worker } from 'node:worker_threads';

// One JSON argument: { pyodideDir, runnerPath, rulesPath, maxOutputBytes, workDir? }.
const config = JSON.parse(process.argv[2] ?? '{}');
const interruptBuffer = new SharedArrayBuffer(4);
const toolState = new SharedArrayBuffer(4);
const interrupt = new Int32Array(interruptBuffer);
const toolFlag = new Int32Array(toolState);
const { port1: toolReplies, port2: toolPort } = new MessageChannel();
let toolPending = false;

// `--expose-gc` (lean children): the snapshot's copy is dropped once sent, not kept until a later GC.
const collectGarbage = globalThis.gc;

const send = (message) => process.stdout.write(`${JSON.stringify(message)}\n`);

const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
  workerData: { ...config, interruptBuffer, toolState, toolPort },
  transferList: [toolPort],
  env: {},
  stdout: true,
  stderr: true,
});
// Anything the worker prints is diagnostics, never protocol.
worker.stdout.pipe(process.stderr);
worker.stderr.pipe(process.stderr);

function answerTool(reply) {
  if (!toolPending) return;
  toolPending = false;
  toolReplies.postMessage(reply);
  Atomics.store(toolFlag, 0, 1);
  Atomics.notify(toolFlag, 0);
}

// The memory snapshot goes to the host on fd 3 as a 4-byte big-endian length and the bytes. `ready`
// waits until they are written, so a host that stops the child right after its first cell still
// receives the whole snapshot (what is left in the pipe outlives the writer).
let snapshotWritten = Promise.resolve();
function sendSnapshot(bytes) {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(bytes.byteLength);
  const out = new Socket({ fd: 3, readable: false, writable: true });
  snapshotWritten = new Promise((resolve) => {
    out.on('error', resolve);
    out.write(header);
    out.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), () => {
      out.destroy();
      resolve();
      setImmediate(() => collectGarbage?.());
    });
  });
}

// After an interrupt, the grace period counts CPU time this process spends, not wall time: on a busy
// host a starved interpreter is not killed for failing to run, but a C-level loop is after `graceMs`.
let graceWatch;
function watchGrace(graceMs) {
  clearInterval(graceWatch);
  const start = process.cpuUsage();
  graceWatch = setInterval(() => {
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 < graceMs) return;
    clearInterval(graceWatch);
    send({ type: 'stuck' });
  }, 5);
}

worker.on('message', (message) => {
  if (message.type === 'result') clearInterval(graceWatch);
  if (message.type === 'snapshot') {
    sendSnapshot(message.bytes);
    return;
  }
  if (message.type === 'tool-call') {
    toolPending = true;
    send({ type: 'tool-call', request: message.request });
    return;
  }
  if (message.type === 'ready') {
    snapshotWritten.then(() => send(message));
    return;
  }
  send(message);
  if (message.type === 'crashed') process.exit(1);
});
worker.on('error', (error) => {
  send({ type: 'crashed', message: String(error?.stack ?? error).slice(0, 2000) });
  process.exit(1);
});
worker.on('exit', (code) => {
  send({ type: 'crashed', message: `The Pyodide worker exited with code ${code}.` });
  process.exit(1);
});

function onHostMessage(message) {
  switch (message.type) {
    case 'exec':
    case 'setup':
      clearInterval(graceWatch);
      worker.postMessage({ type: message.type, id: message.id, code: message.code, live: message.live === true });
      return;
    case 'interrupt':
      Atomics.store(interrupt, 0, 2);
      watchGrace(Number(message.graceMs) || 50);
      answerTool(
        JSON.stringify({ ok: false, error: { type: 'TimeoutError', message: 'The action was interrupted.' } }),
      );
      return;
    case 'tool-result':
      answerTool(message.reply);
      return;
    default:
      return;
  }
}

let pending = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  pending += chunk;
  let newline = pending.indexOf('\n');
  while (newline !== -1) {
    const line = pending.slice(0, newline);
    pending = pending.slice(newline + 1);
    newline = pending.indexOf('\n');
    if (line) onHostMessage(JSON.parse(line));
  }
});
// The host is gone (closed, crashed or killed): take the interpreter down with it.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdout.on('error', () => process.exit(0));
