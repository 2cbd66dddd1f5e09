import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, scriptedReplies, startTestServer, token } from './harness.js';

const oldModel = {
  id: 'script:retired',
  respond: scriptedReplies({
    'Remember x = 41.': ['<execute>\nx = 41\nprint(x)\n</execute>', '<solution>x is 41.</solution>'],
  }),
};
const newModel = {
  id: 'script:current',
  respond: scriptedReplies({
    'Add one to x.': ['<execute>\nprint(x + 1)\n</execute>', '<solution>x + 1 is 42.</solution>'],
  }),
};

let dataDir: string;
let browser: Browser;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'codeact-e2e-models-'));
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a conversation whose model is no longer offered', () => {
  it('says why and continues with an offered model chosen in the header', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    let server = await startTestServer({ dataDir, models: [oldModel, newModel] });
    try {
      await openApp(page, `${server.running.url}/#token=${token}`);
      await page.getByTestId('home-model').selectOption(oldModel.id);
      await page.getByTestId('composer-input').fill('Remember x = 41.');
      await page.getByTestId('send-button').click();
      await page.getByTestId('answer').waitFor({ timeout: 40_000 });
      const conversationUrl = page.url();
      expect(await page.getByTestId('model-unavailable').count()).toBe(0);

      await server.close();
      server = await startTestServer({ dataDir, models: [newModel] });
      await openApp(page, `${conversationUrl.replace(/^http:\/\/[^/]+/, server.running.url)}#token=${token}`);
      await page.getByTestId('answer').waitFor();
      expect(await page.getByTestId('model-unavailable').textContent()).toContain(
        'script:retired, which this server no longer offers',
      );
      expect(await page.getByTestId('composer-input').isDisabled()).toBe(true);
      // The banner sits above the transcript, never over it.
      const banner = await page.getByTestId('model-unavailable').boundingBox();
      const transcript = await page.getByTestId('transcript').boundingBox();
      expect((banner?.y ?? 0) + (banner?.height ?? 0)).toBeLessThanOrEqual(transcript?.y ?? -1);
      expect(await page.getByTestId('conversation-model').inputValue()).toBe(oldModel.id);
      expect(await page.getByTestId('conversation-item-model').textContent()).toContain('script:retired (not offered)');

      await page.getByTestId('conversation-model').selectOption(newModel.id);
      await page.getByTestId('model-unavailable').waitFor({ state: 'detached' });
      await expect.poll(() => page.getByTestId('conversation-item-model').textContent()).toContain('script:current');
      await page.getByTestId('composer-input').fill('Add one to x.');
      await page.getByTestId('send-button').click();
      await expect.poll(() => page.getByTestId('answer').count(), { timeout: 40_000 }).toBe(2);
      // The interpreter state was rebuilt, and the new model carried on with it.
      expect(await page.locator('.output.stdout').last().textContent()).toBe('42\n');
      expect(await page.getByTestId('answer').last().textContent()).toContain('x + 1 is 42.');
    } finally {
      await context.close();
      await server.close();
    }
  }, 120_000);
});
