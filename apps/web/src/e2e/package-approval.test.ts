import { chmod, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveTestIndex, type TestIndex } from '@codeact/executors/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp, scriptedReplies, token, useTestServer } from './harness.js';

const install = '%pip install codeact-tiny-dep\nimport tiny_dep\nprint(tiny_dep.VALUE)';
const script = { 'Install it.': [`<execute>\n${install}\n</execute>`, '<solution>7</solution>'] };

let root: string;
let index: TestIndex;
const e2e = useTestServer('packages', {
  models: [{ id: 'script:installer', respond: scriptedReplies(script) }],
  packages: () => ({ policy: 'ask', indexUrl: index.url, cacheDir: join(root, 'cache') }),
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'codeact-e2e-index-'));
  await chmod(root, 0o755);
  index = await serveTestIndex(join(root, 'index'));
});

afterAll(async () => {
  await index?.close();
  await rm(root, { recursive: true, force: true });
});

describe('packages on demand in the browser', () => {
  it('shows a %pip install in the approval dialog, installs once allowed, and offers requirements.txt', async () => {
    const context = await e2e.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    try {
      await openApp(page, `${e2e.server.running.url}/#token=${token}`);
      await page.getByTestId('composer-input').fill('Install it.');
      await page.getByTestId('send-button').click();
      const dialog = page.getByTestId('approval');
      await dialog.waitFor({ timeout: 40_000 });
      expect(await dialog.locator('h2').textContent()).toBe('Allow install_packages?');
      expect(JSON.parse((await page.getByTestId('approval-args').textContent()) ?? '')).toEqual({
        packages: ['codeact-tiny-dep'],
      });
      await page.getByTestId('approval-allow').click();
      await page.getByTestId('answer').waitFor({ timeout: 40_000 });
      expect(await page.locator('.output.stdout').last().textContent()).toBe('Installed codeact-tiny-dep 1.0\n7\n');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-requirements').click(),
      ]);
      const path = join(root, 'requirements.txt');
      await download.saveAs(path);
      expect(await readFile(path, 'utf8')).toBe('codeact-tiny-dep==1.0\n');
    } finally {
      await context.close();
    }
  }, 90_000);
});
