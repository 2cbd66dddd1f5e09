import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTrajectory } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { loadToolsFiles } from './load-tools-files.js';
import { runCli } from './run-cli.js';
import { bufferedIo } from './test-support/buffered-io.js';

const fixtures = resolve(fileURLToPath(import.meta.url), '../__fixtures__/tools');

describe('--tools files', () => {
  it('lists a .py file’s public functions and loads a .ts module’s tools', async () => {
    const files = await loadToolsFiles(['units.py', 'inventory.ts'], fixtures);
    expect(files.tools.map((tool) => tool.name)).toEqual(['count_item']);
    expect(files.pythonListing).toBe(
      'Python functions available (already defined in the <execute> environment):\n[1] celsius(fahrenheit: float) -> float\nConverts a temperature from Fahrenheit to Celsius.\n',
    );
    expect(files.pythonSource).toContain('def celsius(');
  });

  it('names the file and line of a syntax error, and refuses other kinds of files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-tools-'));
    await writeFile(join(dir, 'bad.py'), 'def broken(:\n    pass\n');
    await expect(loadToolsFiles(['bad.py'], dir)).rejects.toThrow(/^--tools bad\.py: line 1: /);
    await expect(loadToolsFiles(['tools.json'], dir)).rejects.toThrow(/--tools takes FILE\.py .* not tools\.json/);
  });

  it('gives a run both kinds of tools, listed in the prompt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'codeact-tools-'));
    const script = join(dir, 'script.jsonl');
    const replies = [
      '<execute>\nprint(round(celsius(212)), count_item("apples"))\n</execute>',
      '<solution>100 12</solution>',
    ];
    await writeFile(script, replies.map((reply) => JSON.stringify({ reply })).join('\n'));
    const trajectoryFile = join(dir, 'runs.jsonl');
    const { io, stdout, stderr } = bufferedIo({ cwd: fixtures, env: { CODEACT_HOME: dir } });
    const argv = ['run', '--store', 'none', '--tools', 'units.py', '--tools', 'inventory.ts'];
    const code = await runCli([...argv, '--trajectory', trajectoryFile, '--model', `script:${script}`, 'convert'], io);
    expect(stderr()).toContain('100 12');
    expect(code).toBe(0);
    expect(stdout()).toBe('100 12\n');
    const system = String(parseTrajectory((await readFile(trajectoryFile, 'utf8')).trim()).value?.messages[0]?.content);
    expect(system).toContain('[1] count_item(item: str) -> int');
    expect(system).toContain('[1] celsius(fahrenheit: float) -> float');
  });
});
