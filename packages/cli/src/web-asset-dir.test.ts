import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { webAssetDir } from './web-asset-dir.js';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');

describe('webAssetDir', () => {
  it("is the web app's Vite output directory in this checkout", () => {
    expect(existsSync(join(repoRoot, 'apps/web/vite.config.ts'))).toBe(true);
    expect(webAssetDir).toBe(join(repoRoot, 'apps/web/dist'));
  });
});
