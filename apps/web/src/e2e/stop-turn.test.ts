import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openApp, scriptedReplies, token, useTestServer } from './harness.js';

// The cell writes a marker file once it has printed its first line, so the test stops it only then.
const slowCell =
  "import time, pathlib\nfor i in range(600):\n    print('line', i, flush=True)\n    if i == 0: pathlib.Path('started').write_text('1')\n    time.sleep(0.1)";
const script = {
  'Count slowly.': [`<thought>Count, one line at a time.</thought>\n<execute>\n${slowCell}\n</execute>`],
};

const e2e = useTestServer('stop', { models: [{ id: 'script:slow', respond: scriptedReplies(script) }] });

async function started(): Promise<boolean> {
  const root = join(e2e.dataDir, 'workdirs');
  if (!existsSync(root)) return false;
  for (const entry of await readdir(root)) if (existsSync(join(root, entry, 'started'))) return true;
  return false;
}

describe('a turn stopped while its code runs', () => {
  it('keeps the thought, the code and the output so far, in the UI, the store and the notebook', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    const page = await context.newPage();
    try {
      await openApp(page, `${e2e.server.running.url}/#token=${token}`);
      await page.getByTestId('composer-input').fill('Count slowly.');
      await page.getByTestId('send-button').click();
      await expect.poll(started, { timeout: 40_000, interval: 200 }).toBe(true);
      await page.getByTestId('stop-button').click();
      await page.getByTestId('turn-problem').waitFor({ timeout: 30_000 });

      for (let open = 0; open < 2; open += 1) {
        if (open > 0) await page.reload();
        const step = page.getByTestId('code-step');
        await step.waitFor();
        expect(await page.getByTestId('turn-problem').textContent()).toContain('Stopped by the user.');
        expect(await step.locator('.thought').textContent()).toBe('Count, one line at a time.');
        expect(await step.locator('pre.code').textContent()).toContain("print('line', i, flush=True)");
        expect(await step.locator('.output.stdout').textContent()).toMatch(/^line 0\n/);
        await expect.poll(() => page.getByTestId('totals').textContent()).toMatch(/^1 turn · [1-9][\d,]* in/);
      }

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ipynb').click()]);
      expect(download.suggestedFilename()).toBe('Count slowly.ipynb');
      const path = join(e2e.dataDir, 'stopped.ipynb');
      await download.saveAs(path);
      const notebook = JSON.parse(await readFile(path, 'utf8')) as {
        cells: { cell_type: string; source: string[]; outputs?: { name?: string; text?: string[] }[] }[];
      };
      const code = notebook.cells.filter((cell) => cell.cell_type === 'code');
      expect(code).toHaveLength(1);
      expect(code[0]?.outputs?.[0]?.text?.[0]).toBe('line 0\n');
      expect(notebook.cells.at(-1)?.source.join('')).toBe('*Stopped by the user here.*');
    } finally {
      await context.close();
    }
  }, 120_000);
});
