import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type Summary, summarize } from './stats.js';

const run = promisify(execFile);

export type JupyterFigures =
  | { readonly available: true; readonly version: string; readonly start: Summary; readonly trivial: Summary }
  | { readonly available: false; readonly note: string };

/** Driven through Python's own jupyter_client (as fast as a Node zeromq client: the kernel dominates). */
const driver = (starts: number, actions: number) => `
import json, time, ipykernel
from jupyter_client.manager import start_new_kernel
starts = []
for _ in range(${starts}):
    t = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3")
    starts.append((time.perf_counter() - t) * 1000)
    kc.stop_channels(); km.shutdown_kernel(now=True)
km, kc = start_new_kernel(kernel_name="python3")
noop = lambda msg: None
for _ in range(50):
    kc.execute_interactive("x = 1", timeout=30, stop_on_error=False, output_hook=noop)
rtts = []
for _ in range(${actions}):
    t = time.perf_counter()
    kc.execute_interactive("x = 1", timeout=30, stop_on_error=False, output_hook=noop)
    rtts.append((time.perf_counter() - t) * 1000)
kc.stop_channels(); km.shutdown_kernel(now=True)
print(json.dumps({"version": ipykernel.__version__, "starts": starts, "rtts": rtts}))
`;

export async function measureJupyter(pythonPath: string, starts: number, actions: number): Promise<JupyterFigures> {
  try {
    await run(pythonPath, ['-c', 'import ipykernel, jupyter_client']);
  } catch {
    return {
      available: false,
      note: 'skipped: python3-ipykernel / python3-jupyter-client are not installed for this python3',
    };
  }
  const { stdout } = await run(pythonPath, ['-c', driver(starts, actions)], { maxBuffer: 16 << 20, timeout: 600_000 });
  const parsed = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    version: string;
    starts: number[];
    rtts: number[];
  };
  return { available: true, version: parsed.version, start: summarize(parsed.starts), trivial: summarize(parsed.rtts) };
}
