import { chmod, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type InstalledPackage, parseSiteManifest, siteManifestName } from '@codeact/core';
import { normalizePackageName } from './package-request.js';

/** The packages recorded in `siteDir`, oldest first; none when there is no readable record. */
export async function readSiteManifest(siteDir: string): Promise<InstalledPackage[]> {
  return parseSiteManifest(await readFile(join(siteDir, siteManifestName), 'utf8').catch(() => undefined));
}

/** Records `added` in `siteDir`, replacing earlier versions of the same packages. */
export async function writeSiteManifest(
  siteDir: string,
  added: readonly InstalledPackage[],
): Promise<InstalledPackage[]> {
  const names = new Set(added.map((entry) => normalizePackageName(entry.name)));
  const kept = (await readSiteManifest(siteDir)).filter((entry) => !names.has(normalizePackageName(entry.name)));
  const all = [...kept, ...added];
  const path = join(siteDir, siteManifestName);
  await writeFile(`${path}.tmp`, `${JSON.stringify(all, null, 2)}\n`);
  await chmod(`${path}.tmp`, 0o644); // whatever the host's umask: the sandbox may read it
  await rename(`${path}.tmp`, path);
  return all;
}
