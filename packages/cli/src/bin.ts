import { runCli } from './run-cli.js';

const controller = new AbortController();
let lastInterruptMs = Number.NEGATIVE_INFINITY;
let interruptListener: (() => void) | undefined;
process.on('SIGINT', () => {
  const now = performance.now();
  const twice = now - lastInterruptMs < 1000 || controller.signal.aborted;
  lastInterruptMs = now;
  if (twice) process.exit(130);
  if (interruptListener) {
    interruptListener();
    return;
  }
  process.stderr.write('\ncodeact: stopping (Ctrl-C again to force)\n');
  controller.abort(new Error('interrupted'));
});

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
  abortSignal: controller.signal,
  onInterrupt: (listener) => {
    interruptListener = listener;
  },
});
// A command that read standard input line by line (chat) leaves it open: the process must still end.
process.stdin.destroy();
