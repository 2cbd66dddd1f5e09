import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { ModelCallOptions } from '@codeact/core';
import { createMemoryLogger } from '@codeact/server';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsScreenshots, launchBrowser, openApp, scriptedReplies, startTestServer, token } from './harness.js';

const canary = 'CANARY-serve-e2e-7f3a9c';

const csv = 'month,revenue\nJan,12\nFeb,15\nMar,11\nApr,18\nMay,21\nJun,24\n';

/** The scripted agent: replies depend on the user's prompt and how many replies it already got. */
const script: Record<string, string[]> = {
  'Plot the monthly revenue in sales.csv and tell me the total.': [
    "<thought>Load the CSV and sum the revenue column.</thought>\n<execute>\nimport pandas as pd\ndf = pd.read_csv('sales.csv')\nprint(df.head())\nprint(df['revenu'].sum())\n</execute>",
    "<thought>The column is called `revenue`, not `revenu`. Fix the name.</thought>\n<execute>\ntotal = int(df['revenue'].sum())\nprint(total)\n</execute>",
    "<thought>Now plot revenue by month.</thought>\n<execute>\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(6, 3.2))\nax.plot(df['month'], df['revenue'], marker='o', color='#1f6feb')\nax.set_title('Monthly revenue')\nax.set_ylabel('revenue (k$)')\nplt.tight_layout()\nplt.show()\n</execute>",
    'Revenue grows from 12 in January to 24 in June, with a dip in March. <solution>The total revenue is **101**.</solution>',
  ],
  'What was the total again? Also show me what the environment holds.': [
    '<thought>`total` should still be defined.</thought>\n<execute>\nimport os\nprint(total)\nprint(sorted(os.environ))\n</execute>',
    `The total is still **${101}**. <img src=x onerror="window.pwned = 1"> [click](javascript:window.pwned=2) ![tracker](http://127.0.0.1:9/pixel.png)`,
  ],
};

const respond = scriptedReplies(script);

/** "Think forever" never answers: it waits until the turn is stopped. */
function respondOrWait(call: ModelCallOptions): string | Promise<string> {
  if (call.messages.at(-1)?.content === 'Think forever.') {
    return new Promise((_, reject) =>
      call.abortSignal?.addEventListener('abort', () => reject(call.abortSignal?.reason)),
    );
  }
  return respond(call);
}

let dataDir: string;
let screenshots: string;
let browser: Browser;
const serverLogs = createMemoryLogger();
const launch = () =>
  startTestServer({ dataDir, models: [{ id: 'script:fig3-demo', respond: respondOrWait }], logs: serverLogs });

beforeAll(async () => {
  process.env.CODEACT_TEST_SECRET = canary;
  dataDir = await mkdtemp(join(tmpdir(), 'codeact-e2e-'));
  screenshots = process.env.UPDATE_SCREENSHOTS === '1' ? docsScreenshots : join(dataDir, 'screenshots');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  delete process.env.CODEACT_TEST_SECRET;
  await rm(dataDir, { recursive: true, force: true });
});

describe('chat UI in Chromium', () => {
  it('holds a Fig. 3 conversation (upload, self-debug, plot), survives a restart, and rebuilds the interpreter', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    const remoteRequests: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith('http://127.0.0.1:') || request.url().includes(':9/'))
        remoteRequests.push(request.url());
    });
    const pageErrors: string[] = [];
    const apiLog: string[] = [];
    page.on('response', (response) =>
      apiLog.push(`${response.request().method()} ${response.url()} ${response.status()}`),
    );
    page.on('console', (message) => apiLog.push(`console ${message.text()}`));
    page.on('pageerror', (error) => pageErrors.push(error.message));

    let server = await launch();
    const dump = async () =>
      writeFile(
        join(tmpdir(), 'codeact-e2e-debug.txt'),
        [...apiLog, ...serverLogs.records.map((record) => JSON.stringify(record)), await page.content()].join('\n'),
      );
    try {
      await openApp(page, `${server.running.url}/#token=${token}`);
      expect(page.url()).not.toContain(token);
      await page.getByTestId('new-conversation').click();
      await page.getByTestId('composer-input').waitFor();
      const csvPath = join(dataDir, 'sales.csv');
      await writeFile(csvPath, csv);
      await page.getByTestId('upload-input').setInputFiles(csvPath);
      await expect.poll(() => page.getByTestId('pending-uploads').textContent()).toContain('sales.csv');

      await page.getByTestId('composer-input').fill('Plot the monthly revenue in sales.csv and tell me the total.');
      await page.getByTestId('send-button').click();
      await page.getByTestId('answer').waitFor({ timeout: 40_000 });

      const traceback = await page.getByTestId('traceback').textContent();
      expect(traceback).toContain("KeyError: 'revenu'");
      expect(await page.getByTestId('code-step').count()).toBe(3);
      const plot = page.locator('figure.artifact img');
      await plot.waitFor();
      expect(await plot.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(300);
      expect(await page.getByTestId('answer').textContent()).toContain('The total revenue is 101.');
      expect(await page.locator('.answer strong').textContent()).toBe('101');
      expect(await page.locator('.hljs-keyword').first().textContent()).toBe('import');
      expect(await page.getByTestId('user-message').textContent()).toContain('sales.csv');
      await expect.poll(() => page.getByTestId('totals').textContent()).toMatch(/1 turn · [\d,]+ in/);
      await mkdir(screenshots, { recursive: true });
      await page.setViewportSize({ width: 1280, height: 1900 });
      await page.screenshot({ path: join(screenshots, 'chat-ui.png') });
      await page.setViewportSize({ width: 1280, height: 900 });

      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ipynb').click()]);
      const notebookPath = join(dataDir, 'export.ipynb');
      await download.saveAs(notebookPath);
      const notebook = JSON.parse(await readFile(notebookPath, 'utf8')) as {
        cells: { cell_type: string; source: string[]; metadata: { tags?: string[] } }[];
      };
      const codeCells = notebook.cells.filter((cell) => cell.cell_type === 'code');
      expect(codeCells.map((cell) => cell.metadata.tags ?? [])).toEqual([['raises-exception'], [], []]);
      // Runnable: in a folder with the data, every untagged cell runs and the tagged one raises.
      const runner = [
        'import json, sys',
        'nb = json.load(open(sys.argv[1]))',
        'ns = {}',
        "for cell in (c for c in nb['cells'] if c['cell_type'] == 'code'):",
        "    raises = 'raises-exception' in cell['metadata'].get('tags', [])",
        '    try:',
        "        exec(''.join(cell['source']), ns)",
        "        assert not raises, 'expected an exception'",
        '    except Exception:',
        '        if not raises: raise',
        "print('ran', ns['total'])",
      ].join('\n');
      const { stdout } = await promisify(execFile)('/usr/bin/python3', ['-c', runner, notebookPath], {
        cwd: dirname(csvPath),
      });
      expect(stdout.trim().split('\n').at(-1)).toBe('ran 101');
      // No package was installed: the requirements.txt download is empty.
      const [requirements] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-requirements').click(),
      ]);
      expect(requirements.suggestedFilename()).toBe('requirements.txt');
      const requirementsPath = join(dataDir, 'requirements.txt');
      await requirements.saveAs(requirementsPath);
      expect(await readFile(requirementsPath, 'utf8')).toBe('');
      const conversationId = /\/c\/([\w-]+)$/.exec(page.url())?.[1] as string;
      expect(conversationId).toBeTruthy();

      await server.close();
      server = await launch();

      await openApp(page, `${server.running.url}/c/${conversationId}#token=${token}`);
      await page.getByTestId('answer').waitFor();
      expect(await page.getByTestId('turn').count()).toBe(1);
      expect(await page.getByTestId('traceback').textContent()).toContain("KeyError: 'revenu'");
      expect(await page.locator('figure.artifact img').count()).toBe(1);
      expect(await page.getByTestId('interpreter-status').textContent()).toContain('idle · 3 actions to re-run');

      await page
        .getByTestId('composer-input')
        .fill('What was the total again? Also show me what the environment holds.');
      await page.getByTestId('send-button').click();
      await page.getByTestId('agent-message').waitFor({ timeout: 40_000 });
      expect(await page.getByTestId('replayed').count()).toBe(3);
      // Cells are numbered through the conversation, across the restart.
      expect(await page.getByTestId('cell-number').allTextContents()).toEqual(['[1]', '[2]', '[3]', '[4]']);
      const outputs = await page.locator('.output.stdout').allTextContents();
      const last = outputs.at(-1) ?? '';
      expect(last.startsWith('101\n')).toBe(true);
      expect(last).not.toContain('CODEACT_TEST_SECRET');
      expect(await page.content()).not.toContain(canary);
      const message = (await page.getByTestId('agent-message').textContent()) ?? '';
      expect(message).toContain('<img src=x onerror="window.pwned = 1">');
      expect(message).toContain('[image: tracker]');
      expect(await page.locator('.agent-message img').count()).toBe(0);
      expect(await page.locator('.agent-message a').count()).toBe(0);
      expect(await page.evaluate(() => (window as { pwned?: unknown }).pwned)).toBeUndefined();
      expect(await page.getByTestId('interpreter-status').textContent()).toContain('ready · 3 actions re-run');
      await page.setViewportSize({ width: 1280, height: 1000 });
      await page.getByTestId('agent-message').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(screenshots, 'chat-ui-restored.png') });

      // Stop: a turn that would never end is stopped from the UI and kept as stopped.
      await page.getByTestId('new-conversation').click();
      await expect.poll(() => page.getByTestId('turn').count()).toBe(0);
      await page.getByTestId('composer-input').fill('Think forever.');
      await page.getByTestId('send-button').click();
      await page.getByTestId('stop-button').click();
      await page.getByTestId('turn-problem').waitFor();
      expect(await page.getByTestId('turn-problem').textContent()).toContain('Stopped by the user.');
      await page.getByTestId('send-button').waitFor();
      expect(await page.getByTestId('conversation-item').count()).toBe(2);

      expect(remoteRequests).toEqual([]);
      expect(pageErrors).toEqual([]);
    } catch (error) {
      await dump();
      throw error;
    } finally {
      await context.close();
      await server.close();
    }
  }, 90_000);
});
