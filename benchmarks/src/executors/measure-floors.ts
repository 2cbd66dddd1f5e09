import { spawn } from 'node:child_process';
import type { Summary } from './stats.js';

export type Floors = {
  /** Spawn `python3 -c pass` until exit. */
  readonly pythonPass: Summary;
  /** One line Node → Python (`readline`, `write`, `flush`) → Node. */
  readonly pipeEcho: Summary;
};

/** Takes floor samples on demand, so they can be interleaved with the measurements they normalise. */
export type FloorSampler = {
  spawnPass(): Promise<number>;
  echo(): Promise<number>;
  close(): void;
};

const echoSource =
  'import sys\nr = sys.stdin.buffer.readline\nw = sys.stdout.buffer.write\nf = sys.stdout.buffer.flush\nwhile True:\n    line = r()\n    if not line:\n        break\n    w(line)\n    f()\n';

export function createFloorSampler(pythonPath: string): FloorSampler {
  const child = spawn(pythonPath, ['-c', echoSource], { stdio: ['pipe', 'pipe', 'ignore'] });
  let waiting: (() => void) | undefined;
  child.stdout.on('data', () => waiting?.());
  return {
    spawnPass: () => {
      const started = performance.now();
      return new Promise((resolve, reject) => {
        const pass = spawn(pythonPath, ['-c', 'pass'], { stdio: 'ignore' });
        pass.once('error', reject);
        pass.once('exit', () => resolve(performance.now() - started));
      });
    },
    echo: () =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        waiting = () => resolve(performance.now() - started);
        child.stdin.write('{"type":"ping","id":1}\n');
      }),
    close: () => {
      child.stdin.end();
      child.kill('SIGKILL');
    },
  };
}
