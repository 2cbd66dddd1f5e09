// Defence in depth for the isolate that runs Python. The real boundary is the child process (empty
// environment, Node permission model, no code generation from strings); this file removes the JS
// capabilities the permission model of Node 20 leaves open: network, signals to other processes,
// more workers and `vm`. Built-in modules are singletons per isolate, so patching their exports here
// also covers any later `import()`/`getBuiltinModule()` of the same module.
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import os from 'node:os';

const require = createRequire(import.meta.url);

function denied(what) {
  const error = new Error(`${what} is not available in the codeact sandbox`);
  error.code = 'ERR_ACCESS_DENIED';
  return error;
}

function block(target, key, what) {
  if (target === undefined || target === null) return;
  const blocked = function blocked() {
    throw denied(what);
  };
  try {
    Object.defineProperty(target, key, { value: blocked, writable: false, configurable: false, enumerable: false });
  } catch {
    // Already non-configurable: leave it.
  }
}

function blockAllFunctions(target, what) {
  for (const key of Object.keys(target)) {
    if (typeof target[key] === 'function') block(target, key, `${what}.${key}`);
  }
}

/** Pyodide's NODEFS reads `process.binding('constants')`, which the permission model forbids: serve only that. */
export function shimProcessBinding() {
  const constants = { fs: fs.constants, os: os.constants };
  process.binding = (name) => {
    if (name === 'constants') return constants;
    throw denied('process.binding');
  };
}

/** Removes network, process-control and code-loading capabilities from this isolate. */
export function confineWorker() {
  const net = require('node:net');
  for (const key of ['connect', 'createConnection', 'createServer']) block(net, key, `net.${key}`);
  block(net.Socket.prototype, 'connect', 'net.Socket.connect');
  block(net.Server.prototype, 'listen', 'net.Server.listen');
  for (const name of ['tls', 'http', 'https', 'http2']) {
    const module = require(`node:${name}`);
    for (const key of ['connect', 'request', 'get', 'createServer', 'createSecureServer']) {
      if (typeof module[key] === 'function') block(module, key, `${name}.${key}`);
    }
  }
  const dgram = require('node:dgram');
  block(dgram, 'createSocket', 'dgram.createSocket');
  for (const key of ['bind', 'send', 'connect']) block(dgram.Socket.prototype, key, `dgram.Socket.${key}`);
  const dns = require('node:dns');
  blockAllFunctions(dns, 'dns');
  blockAllFunctions(dns.promises, 'dns.promises');
  blockAllFunctions(dns.Resolver.prototype, 'dns.Resolver');
  blockAllFunctions(dns.promises.Resolver.prototype, 'dns.promises.Resolver');
  const vm = require('node:vm');
  for (const key of ['Script', 'runInThisContext', 'runInNewContext', 'runInContext', 'compileFunction']) {
    block(vm, key, `vm.${key}`);
  }
  block(require('node:worker_threads'), 'Worker', 'worker_threads.Worker');
  blockAllFunctions(require('node:child_process'), 'child_process');
  for (const key of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest']) block(globalThis, key, key);
  for (const key of ['kill', '_kill', 'dlopen', '_linkedBinding']) block(process, key, `process.${key}`);
  syncBuiltinESMExports();
}
