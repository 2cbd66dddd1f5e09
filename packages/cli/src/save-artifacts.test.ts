import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';
import { bufferedIo } from './test-support/buffered-io.js';

const plotCode = [
  'import numpy as np',
  'import matplotlib.pyplot as plt',
  'x = np.linspace(0, 2 * np.pi, 1000)',
  'plt.plot(x, np.sin(x))',
  'plt.show()',
  'print(round(float(x[np.argmax(np.sin(x))]), 3))',
].join('\n');
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

async function plotScript(directory: string): Promise<string> {
  const script = join(directory, 'plot.jsonl');
  const replies = [`<execute>\n${plotCode}\n</execute>`, '<solution>sin(x) peaks at x = π/2 ≈ 1.571</solution>'];
  await writeFile(script, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
  return script;
}

describe('figures reach the CLI user', () => {
  it('writes the README "Plot sin(x)" figure as a PNG and names the file in the transcript', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-artifacts-'));
    const script = await plotScript(directory);
    const { io, stdout, stderr } = bufferedIo({ cwd: directory, env: { CODEACT_HOME: directory } });
    const task = 'Plot sin(x) on [0, 2π] and tell me where it peaks';
    expect(await runCli(['run', '--store', 'none', '--model', `script:${script}`, task], io)).toBe(0);
    expect(stdout()).toContain('1.571');
    const [runId, ...others] = await readdir(join(directory, 'codeact-artifacts'));
    expect(others).toEqual([]);
    const path = `./codeact-artifacts/${runId}/figure-1.png`;
    expect(stderr()).toContain(`[figure-1.png saved to ${path}]`);
    expect(stderr()).not.toContain('was shown to the user');
    const png = await readFile(join(directory, path));
    expect(png.subarray(0, 8).equals(pngSignature)).toBe(true);
    expect(png.length).toBeGreaterThan(5000);
  });

  it('writes every figure to --artifacts DIR as figure-N.png, and nothing with --artifacts none', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'codeact-artifacts-'));
    const code =
      'import matplotlib.pyplot as plt\nplt.figure(); plt.plot([1, 2])\nplt.figure(); plt.plot([2, 1])\nplt.show()';
    await writeFile(join(directory, 'plot.py'), code);
    const first = bufferedIo({ cwd: directory });
    expect(await runCli(['exec', '--artifacts', 'figures', 'plot.py'], first.io)).toBe(0);
    expect(first.stdout()).toContain('[figure-1.png saved to ./figures/figure-1.png]');
    expect(first.stdout()).toContain('[figure-2.png saved to ./figures/figure-2.png]');
    expect((await readdir(join(directory, 'figures'))).sort()).toEqual(['figure-1.png', 'figure-2.png']);

    const none = bufferedIo({ cwd: directory });
    expect(await runCli(['exec', '--artifacts', 'none', 'plot.py'], none.io)).toBe(0);
    expect(none.stdout()).toContain('[figure-1.png was shown to the user]');
    expect((await readdir(directory)).sort()).toEqual(['figures', 'plot.py']);
  });
});
