// Runs Pyodide in a worker thread of the confined child so the child's main thread stays free to
// relay messages and raise interrupts. Plain ESM on purpose: it runs under plain node from src and dist.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads';
import { confineWorker, shimProcessBinding } from './confine.mjs';
import { withSparseRestore } from './snapshot-restore.mjs';

const { pyodideDir, runnerPath, rulesPath, workDir, snapshotPath, makeSnapshot, maxOutputBytes, lean } = workerData;
const { interruptBuffer, toolState, toolPort } = workerData;
const interrupt = new Int32Array(interruptBuffer);
const toolFlag = new Int32Array(toolState);
const started = performance.now();
// `--expose-gc` (lean children): one full collection after the boot. (Python cannot reach this isolate's globals.)
const collectGarbage = globalThis.gc;

// Network, signals, vm and workers go before Pyodide loads, so nothing it keeps a reference to is unconfined.
shimProcessBinding();
confineWorker();
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);

// Output written below sys.stdout/sys.stderr (os.write, sys.__stdout__) arrives here with the GIL
// released, so it is buffered in JS (capped) and handed to the runner when the cell finishes.
const raw = { 1: [], 2: [] };
let rawBytes = 0;
let rawDropped = 0;
const rawStream = (fd) => {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  return {
    write(bytes) {
      if (rawBytes + bytes.length > 2 * maxOutputBytes) rawDropped += bytes.length;
      else {
        rawBytes += bytes.length;
        raw[fd].push(decoder.decode(bytes, { stream: true }));
      }
      return bytes.length;
    },
    isatty: false,
  };
};

function takeRaw(fd) {
  if (fd === 0) {
    const dropped = rawDropped;
    rawDropped = 0;
    rawBytes = 0;
    return dropped;
  }
  if (raw[fd].length === 0) return undefined;
  const text = raw[fd].join('');
  raw[fd] = [];
  return text;
}

const options = {
  indexURL: `${pyodideDir}/`,
  // Python's `js` module: an empty object, not the worker's globalThis.
  jsglobals: Object.create(null),
  env: { HOME: '/home/pyodide', LANG: 'C.UTF-8', _: '/usr/bin/python3' },
  stdin: () => null,
  stdout: () => {},
  stderr: () => {},
  checkAPIVersion: true,
  // A memory snapshot of a fresh interpreter (made by the first child of the executor) boots ~5x faster.
  ...(snapshotPath ? { _loadSnapshot: readFileSync(snapshotPath) } : {}),
  ...(makeSnapshot ? { _makeSnapshot: true } : {}),
};
// Lean: the snapshot's zero pages stay unbacked, and nothing keeps the snapshot or the wasm bytes
// alive once the interpreter runs (Pyodide's settings hold both): about 55 MB less per session.
const pyodide = lean
  ? await withSparseRestore(options._loadSnapshot, () => loadPyodide(options))
  : await loadPyodide(options);
if (lean) {
  options._loadSnapshot = undefined;
  if (pyodide._api?.config) pyodide._api.config._loadSnapshot = undefined;
  if (pyodide._module) pyodide._module.instantiateWasm = undefined;
}
if (makeSnapshot) {
  const bytes = pyodide.makeMemorySnapshot();
  parentPort.postMessage({ type: 'snapshot', bytes });
}
pyodide.setStdout(rawStream(1));
pyodide.setStderr(rawStream(2));
pyodide.setStdin({ stdin: () => null });
pyodide.setInterruptBuffer(interrupt);

const namespace = pyodide.globals.get('dict')();
// The cell rules shared with the CPython runner go first, into the runner's private namespace.
for (const path of [rulesPath, runnerPath]) {
  pyodide.runPython(readFileSync(path, 'utf8'), { globals: namespace, filename: '<codeact-runner>' });
}
const runner = {
  install: namespace.get('install'),
  run: namespace.get('run'),
  setup: namespace.get('setup'),
  warm: namespace.get('warm'),
};

const cancelledTool = JSON.stringify({
  ok: false,
  error: { type: 'ToolError', message: 'The tool call was cancelled.' },
});

function callTool(request) {
  Atomics.store(toolFlag, 0, 0);
  parentPort.postMessage({ type: 'tool-call', request });
  Atomics.wait(toolFlag, 0, 0);
  return receiveMessageOnPort(toolPort)?.message ?? cancelledTool;
}

const takeInterrupt = () => Atomics.exchange(interrupt, 0, 0) !== 0;
// Live output of the running cell: posted at once, the host batches it.
let cellId = 0;
const emitOutput = (stream, text) => parentPort.postMessage({ type: 'output', id: cellId, stream, text });
runner.install(callTool, maxOutputBytes, takeRaw, takeInterrupt, emitOutput);
if (workDir) {
  // The one host directory a session may see, granted read-write by the child's permission flags.
  pyodide.FS.mkdirTree('/work');
  pyodide.mountNodeFS('/work', workDir);
  pyodide.runPython('import os; os.chdir("/work")');
}
pyodide.unregisterJsModule('js');
pyodide.unregisterJsModule('pyodide_js');
runner.warm();

function runCell(message) {
  Atomics.store(interrupt, 0, 0);
  cellId = message.id;
  let reply;
  try {
    reply = message.type === 'setup' ? runner.setup(message.code) : runner.run(message.code, message.live === true);
  } catch (error) {
    if (error?.constructor?.name !== 'PythonError') {
      // A fatal wasm error (stack overflow, os._exit, ...): this interpreter is unusable.
      parentPort.postMessage({ type: 'crashed', message: String(error?.message ?? error).slice(0, 2000) });
      process.exit(1);
    }
    if (error.type !== 'KeyboardInterrupt') {
      // The code broke the runner itself (something it relies on): this interpreter cannot be trusted to reply.
      parentPort.postMessage({ type: 'crashed', message: 'the action broke the runner of the interpreter' });
      process.exit(1);
    }
    // An interrupt that landed in the runner itself, outside the cell's try block.
    const traceback = `${String(error.message).trimEnd() || 'KeyboardInterrupt'}\n`;
    reply = JSON.stringify({ stdout: '', stderr: '', error: { name: 'KeyboardInterrupt', message: '', traceback } });
  }
  parentPort.postMessage({ type: 'result', id: message.id, reply });
}

parentPort.on('message', runCell);
// A full collection now returns the garbage of the boot to the system before the interpreter idles.
collectGarbage?.();
parentPort.postMessage({
  type: 'ready',
  python: pyodide.runPython('import sys; sys.version.split()[0]'),
  pyodide: pyodide.version,
  loadMs: Math.round(performance.now() - started),
});
