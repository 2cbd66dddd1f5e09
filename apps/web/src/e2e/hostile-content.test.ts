import { describe, expect, it } from 'vitest';
import { openApp, scriptedReplies, token, useTestServer } from './harness.js';

// Markdown mixed with HTML, including lines that start like a code fence but are not one: the
// hand-written renderer this UI used to have looped forever on them and took the tab down.
const mixedAnswer = [
  'Here is the **summary**:',
  '```<b>bold</b>``` and <div align="center">',
  '',
  '## Totals <span style="color:red">red</span>',
  '',
  '</div>',
  '',
  '```c#',
  'var x = 1;',
  '```',
  '',
  '| a | <i>b</i> |',
  '|---|---|',
  '| 1 | 2 |',
].join('\n');

// "Trojan Source": displayed naively, the comparison seems to end at "user" and the rest looks like
// a comment; what runs compares against a longer string, so the admin branch is taken.
const trojan =
  'access_level = "user"\nif access_level != "user\u202E \u2066# Check if admin\u2069 \u2066":\n    print("admin branch")\nelse:\n    print("user branch")';

const script = {
  'Summarise as Markdown.': [`<solution>${mixedAnswer}</solution>`],
  'Check the access level.': [`<execute>\n${trojan}\n</execute>`, '<solution>Checked.</solution>'],
};

const e2e = useTestServer('hostile', { models: [{ id: 'script:hostile', respond: scriptedReplies(script) }] });

describe('hostile content in Chromium', () => {
  it('renders an answer mixing Markdown and HTML, live and on every reopen, as text', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('crash', () => problems.push('renderer crashed'));
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await openApp(page, `${e2e.server.running.url}/#token=${token}`);
      await page.getByTestId('composer-input').fill('Summarise as Markdown.');
      await page.getByTestId('send-button').click();
      const answer = page.getByTestId('answer');
      await answer.waitFor({ timeout: 40_000 });
      for (let open = 0; open < 2; open += 1) {
        if (open > 0) {
          await page.reload();
          await answer.waitFor({ timeout: 20_000 });
        }
        expect(await answer.locator('strong').textContent()).toBe('summary');
        expect(await answer.locator('code').first().textContent()).toBe('<b>bold</b>');
        expect(await answer.textContent()).toContain('<div align="center">');
        expect(await answer.locator('div[align], span[style], i, b').count()).toBe(0);
        expect(await answer.locator('pre.code').textContent()).toBe('var x = 1;');
        expect(await answer.locator('table td').count()).toBe(2);
      }
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  }, 90_000);

  it('shows bidirectional and invisible characters in code as marked code points', async () => {
    const context = await e2e.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    try {
      await openApp(page, `${e2e.server.running.url}/#token=${token}`);
      await page.getByTestId('composer-input').fill('Check the access level.');
      await page.getByTestId('send-button').click();
      await page.getByTestId('answer').waitFor({ timeout: 40_000 });
      const cell = page.getByTestId('code-step');
      expect(await cell.getByTestId('invisible-warning').isVisible()).toBe(true);
      expect(await cell.locator('.invisible-char').allTextContents()).toEqual(['U+202E', 'U+2066', 'U+2069', 'U+2066']);
      expect(await cell.locator('.invisible-char').first().getAttribute('title')).toBe('U+202E RIGHT-TO-LEFT OVERRIDE');
      const shown = (await cell.locator('pre.code').textContent()) ?? '';
      expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      expect(shown).toContain('"userU+202E U+2066# Check if adminU+2069 U+2066":');
      // What ran is what the marked code says: the string is not "user".
      expect(await cell.locator('.output.stdout').textContent()).toBe('admin branch\n');
    } finally {
      await context.close();
    }
  }, 90_000);
});
