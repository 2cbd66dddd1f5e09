import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseTrajectory, siteManifestName } from '@codeact/core';
import { modelAnswer, modelCode, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createConversation, createTestServer, sendAndWait, type TestServer } from '../test-support/test-server.js';
import type { Notebook } from './export-notebook.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

async function conversationWithPlot() {
  const model = new ScriptedModel([
    modelCode('import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4])\nplt.show(', 'Plot it.'),
    modelCode('plt.plot([1, 2], [3, 4])\nplt.show()', 'Close the parenthesis.'),
    modelAnswer('<b>Done</b>: the line rises.'),
  ]);
  const executor = new ScriptedExecutor([
    {
      error: {
        name: 'SyntaxError',
        message: "'(' was never closed",
        traceback: '  File "<cell>", line 3\nSyntaxError: \'(\' was never closed',
      },
    },
    { stdout: 'plotted\n', artifacts: [{ type: 'image', mimeType: 'image/png', data: png, name: 'figure-1.png' }] },
  ]);
  server = await createTestServer({ models: { 'script:a': model }, executor });
  const id = await createConversation(server, { title: 'Plot <script>' });
  await sendAndWait(server, id, 'Plot a rising line');
  return { server, id };
}

describe('exports', () => {
  it('exports a runnable nbformat 4.5 notebook with outputs, plots and failed cells tagged', async () => {
    const { server: target, id } = await conversationWithPlot();
    const response = await target.call(`/api/conversations/${id}/export.ipynb`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toBe(
      `attachment; filename="Plot script.ipynb"; filename*=UTF-8''Plot%20script.ipynb`,
    );
    const notebook = (await response.json()) as Notebook;
    expect(notebook.nbformat).toBe(4);
    expect(notebook.nbformat_minor).toBe(5);
    expect(notebook.metadata.kernelspec).toEqual({ name: 'python3', display_name: 'Python 3', language: 'python' });
    const cells = notebook.cells.map((cell) =>
      cell.cell_type === 'code'
        ? {
            code: cell.source.join(''),
            tags: cell.metadata.tags ?? [],
            outputs: cell.outputs.map((output) => output.output_type),
          }
        : { markdown: cell.source.join('') },
    );
    expect(cells).toEqual([
      { markdown: expect.stringMatching(/^# Plot &lt;script&gt;\n/) },
      { markdown: '**User**\n\n> Plot a rising line' },
      { markdown: '*Agent:* Plot it.' },
      {
        code: 'import matplotlib.pyplot as plt\nplt.plot([1, 2], [3, 4])\nplt.show(',
        tags: ['raises-exception'],
        outputs: ['error'],
      },
      { markdown: '*Agent:* Close the parenthesis.' },
      { code: 'plt.plot([1, 2], [3, 4])\nplt.show()', tags: [], outputs: ['stream', 'display_data'] },
      { markdown: '**Answer**\n\n> &lt;b&gt;Done&lt;/b&gt;: the line rises.' },
    ]);
    const plotCell = notebook.cells[5];
    expect(plotCell?.cell_type === 'code' && plotCell.outputs[1]).toMatchObject({ data: { 'image/png': png } });
    expect(new Set(notebook.cells.map((cell) => cell.id)).size).toBe(notebook.cells.length);
  });

  it('exports the trajectories as JSONL, one valid trajectory per run', async () => {
    const { server: target, id } = await conversationWithPlot();
    const response = await target.call(`/api/conversations/${id}/export.jsonl`);
    expect(response.headers.get('content-type')).toBe('application/x-ndjson');
    const lines = (await response.text()).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = parseTrajectory(lines[0] as string);
    expect(parsed.success && parsed.value.conversationId).toBe(id);
    expect(parsed.success && parsed.value.steps.length).toBe(3);
  });
});

describe('exports of a conversation with packages', () => {
  it('starts the notebook with a pinned %pip install cell and serves requirements.txt', async () => {
    const { server: target, id } = await conversationWithPlot();
    const empty = await target.call(`/api/conversations/${id}/requirements.txt`);
    expect(await empty.text()).toBe('');
    const siteDir = join(target.workRoot, '.site', id);
    await mkdir(siteDir, { recursive: true });
    const entry = (name: string, version: string) => ({
      name,
      version,
      file: `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl`,
      sha256: 'a'.repeat(64),
    });
    await writeFile(
      join(siteDir, siteManifestName),
      JSON.stringify([entry('humanize', '4.9.0'), entry('tabulate', '0.9.0')]),
    );
    const requirements = await target.call(`/api/conversations/${id}/requirements.txt`);
    expect(requirements.headers.get('content-disposition')).toBe('attachment; filename="requirements.txt"');
    expect(await requirements.text()).toBe('humanize==4.9.0\ntabulate==0.9.0\n');
    const notebook = (await (await target.call(`/api/conversations/${id}/export.ipynb`)).json()) as Notebook;
    expect(notebook.cells[1]).toEqual({
      cell_type: 'code',
      id: 'cell-2',
      metadata: {},
      source: ['%pip install humanize==4.9.0 tabulate==0.9.0'],
      execution_count: null,
      outputs: [],
    });
    expect((await target.call('/api/conversations/nope/requirements.txt')).status).toBe(404);
  });
});
