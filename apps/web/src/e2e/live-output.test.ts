import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, scriptedReplies, startTestServer, token } from './harness.js';

const slowCell = 'import time\nfor i in range(6):\n    print("tick", i, flush=True)\n    time.sleep(0.5)';
const model = {
  id: 'script:slow-printer',
  respond: scriptedReplies({
    'Count slowly.': [`<execute>\n${slowCell}\n</execute>`, '<solution>Counted to 5.</solution>'],
  }),
};

let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'codeact-e2e-live-'));
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('live output in the chat UI', () => {
  it("grows the running cell's output long before the cell ends", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const server = await startTestServer({ dataDir, models: [model] });
    try {
      await openApp(page, `${server.running.url}/#token=${token}`);
      await page.getByTestId('home-model').selectOption(model.id);
      await page.getByTestId('composer-input').fill('Count slowly.');
      await page.getByTestId('send-button').click();
      const live = page.getByTestId('live-output');
      await live.getByText('tick 0').waitFor({ timeout: 40_000 });
      const firstLineAt = Date.now();
      expect(await page.getByTestId('execution').count()).toBe(0);
      await page.getByTestId('execution').waitFor({ timeout: 40_000 });
      const cellEndAt = Date.now();
      expect(cellEndAt - firstLineAt).toBeGreaterThanOrEqual(2000);
      expect(await page.getByTestId('execution').textContent()).toContain('tick 5');
      expect(await live.count()).toBe(0);
      await page.getByTestId('answer').waitFor();
    } finally {
      await context.close();
      await server.close();
    }
  });
});
