import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { docsScreenshots, openApp, scriptedReplies, token, useTestServer } from './harness.js';

const prompt = 'Plot a wide chart of the squares.';
const script = {
  [prompt]: [
    `<thought>Compute the squares, then plot them wide.</thought>\n<execute>\nsquares = [n * n for n in range(12)]  # ${'a long comment that makes this line much wider than a phone screen '.repeat(2)}\nprint(squares)\n</execute>`,
    "<execute>\nimport matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\nfig, ax = plt.subplots(figsize=(12, 3))\nax.bar(range(12), squares)\nax.set_title('Squares')\nplt.show()\n</execute>",
    '<solution>The squares grow fast:\n\n| n | n² |\n|---|---|\n| 10 | 100 |\n| 11 | 121 |</solution>',
  ],
};

const e2e = useTestServer('responsive', { models: [{ id: 'script:squares', respond: scriptedReplies(script) }] });
let screenshots: string;

beforeAll(async () => {
  screenshots = process.env.UPDATE_SCREENSHOTS === '1' ? docsScreenshots : join(e2e.dataDir, 'screenshots');
  await mkdir(screenshots, { recursive: true });
});

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not displayed`);
  return found;
}

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

describe('the chat UI on a phone and a desktop', () => {
  it('gives the conversation the whole phone screen, with a drawer, scrolling code and fitting plots', async () => {
    const context = await e2e.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const page = await context.newPage();
    try {
      await openApp(page, `${e2e.server.running.url}/#token=${token}`);
      // The sidebar is off-screen; the home page's composer starts a conversation.
      expect((await box(page, '[data-testid=sidebar]')).x).toBeLessThan(0);
      await page.getByTestId('composer-input').fill(prompt);
      await page.getByTestId('send-button').click();
      await page.getByTestId('answer').waitFor({ timeout: 40_000 });
      expect(page.url()).toMatch(/\/c\/[\w-]+$/);
      await page.locator('figure.artifact img').waitFor();

      expect(await pageWidth(page)).toBeLessThanOrEqual(390);
      const transcript = await box(page, '[data-testid=transcript]');
      expect(transcript.width).toBeGreaterThan(370);
      const code = page.locator('pre.code').first();
      expect(await code.evaluate((element) => element.scrollWidth > element.clientWidth + 100)).toBe(true);
      expect((await box(page, 'pre.code')).x + (await box(page, 'pre.code')).width).toBeLessThanOrEqual(390);
      const plot = await box(page, 'figure.artifact img');
      expect(plot.width).toBeGreaterThan(250);
      expect(plot.x + plot.width).toBeLessThanOrEqual(390);
      const composer = await box(page, '[data-testid=composer-input]');
      expect(composer.width).toBeGreaterThan(250);
      expect(composer.y + composer.height).toBeLessThanOrEqual(844);
      expect(await page.getByTestId('interpreter-status').textContent()).toMatch(/: ready$/);
      await page.screenshot({ path: join(screenshots, 'phone-conversation.png') });

      // Renaming, from the header.
      await page.getByTestId('rename-button').click();
      await page.getByTestId('rename-input').fill('Squares, wide');
      await page.getByTestId('rename-input').press('Enter');
      await expect.poll(() => page.getByTestId('conversation-title').textContent()).toBe('Squares, wide');

      await page.getByTestId('menu').click();
      await expect.poll(async () => (await box(page, '[data-testid=sidebar]')).x).toBe(0);
      expect(await page.getByTestId('conversation-item').first().textContent()).toContain('Squares, wide');
      expect(await page.getByTestId('conversation-item-model').first().textContent()).toContain('script:squares');
      await page.screenshot({ path: join(screenshots, 'phone-drawer.png') });
      await page.getByTestId('conversation-item').first().click();
      await expect.poll(async () => (await box(page, '[data-testid=sidebar]')).x).toBeLessThan(0);

      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await background(page)).toBe('rgb(15, 20, 25)');
      await page.screenshot({ path: join(screenshots, 'phone-conversation-dark.png') });
    } finally {
      await context.close();
    }
  }, 90_000);

  it('shows the sidebar beside the conversation on a desktop, in light and dark', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await openApp(page, `${e2e.server.running.url}/#token=${token}`);
      expect(await page.getByTestId('menu').isVisible()).toBe(false);
      expect(await background(page)).toBe('rgb(246, 247, 249)');
      await page.getByTestId('conversation-item').first().click();
      await page.getByTestId('answer').waitFor();
      const sidebar = await box(page, '[data-testid=sidebar]');
      expect(sidebar).toMatchObject({ x: 0, width: 280 });
      expect((await box(page, '[data-testid=transcript]')).x).toBeGreaterThanOrEqual(280);
      expect(await pageWidth(page)).toBeLessThanOrEqual(1280);
      await page.screenshot({ path: join(screenshots, 'desktop-conversation.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      expect(await background(page)).toBe('rgb(15, 20, 25)');
      await page.screenshot({ path: join(screenshots, 'desktop-conversation-dark.png') });
    } finally {
      await context.close();
    }
  }, 60_000);
});
