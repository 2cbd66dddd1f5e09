import type { ChildProcess } from 'node:child_process';

export type SupervisedProcess = {
  /** Resolves when the process has exited and its streams closed. */
  readonly exited: Promise<void>;
  /** SIGTERM, SIGKILL after `graceMs`, then `cleanup`. Idempotent. */
  stop(): Promise<void>;
};

/**
 * Ties a server a test started to the test process: killed if the test process exits, stopped
 * politely (SIGTERM, then SIGKILL) by `stop()`, after which `cleanup` removes its files.
 */
export function superviseProcess(
  child: ChildProcess,
  cleanup: () => void,
  options: { readonly graceMs?: number } = {},
): SupervisedProcess {
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => {
    child.once('close', () => resolve());
    child.once('error', () => resolve());
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      process.off('exit', killOnExit);
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), options.graceMs ?? 5000);
        await exited;
        clearTimeout(timer);
      }
      cleanup();
    })();
    return stopping;
  };
  return { exited, stop };
}
