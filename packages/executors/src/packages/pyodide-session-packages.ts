import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { InstalledPackage, ToolCallResult, ToolCallScope } from '@codeact/core';
import type { PyodideProcess } from '../pyodide/pyodide-process.js';
import { alreadyInstalled } from './install-packages-call.js';
import { type PyodidePackageSupport, pyodideInstallCall } from './pyodide-install-call.js';
import { readSiteManifest, writeSiteManifest } from './site-manifest.js';

type Wheel = { readonly file: string; readonly data: string };

/** Where a Pyodide session keeps the archives it unpacked, inside its host site dir. */
const wheelFolder = 'pyodide-wheels';

/**
 * The packages of one Pyodide session: serves its install requests and keeps the wheels it
 * unpacked, so an interpreter replaced after a crash or a timeout gets them back before its next
 * action. With a host `siteDir` (a server's per-conversation one) the archives and the record
 * (`codeact-packages.json`, as CPython's) are kept there too: a later session on the same site dir
 * starts with them, and a replayed `%pip install` of a recorded package is neither asked nor fetched.
 */
export class PyodideSessionPackages {
  private readonly support: PyodidePackageSupport | undefined;
  private readonly siteDir: string | undefined;
  private readonly wheels = new Map<string, Wheel>();
  private installed: InstalledPackage[] = [];

  constructor(support: PyodidePackageSupport | undefined, siteDir?: string) {
    this.support = support;
    this.siteDir = siteDir;
  }

  /** Reads what an earlier session left in the site dir: recorded packages whose archives are there. */
  async load(): Promise<void> {
    if (this.siteDir === undefined) return;
    const folder = join(this.siteDir, wheelFolder);
    const recorded = await readSiteManifest(this.siteDir);
    const files = await readFile(join(folder, 'files.json'), 'utf8')
      .then((text) => JSON.parse(text) as string[])
      .catch(() => undefined);
    if (!Array.isArray(files)) return;
    for (const file of files) {
      const data = await readFile(join(folder, basename(file))).catch(() => undefined);
      if (data) this.wheels.set(file, { file, data: data.toString('base64') });
    }
    // A record without its archives (a site dir rebuilt from the store) is not trusted: asked again.
    this.installed = this.wheels.size === files.length ? recorded : [];
  }

  async call(args: unknown, scope: ToolCallScope, signal: AbortSignal): Promise<ToolCallResult> {
    const result = await pyodideInstallCall(this.support, args, scope, signal, (requests) =>
      Promise.resolve(alreadyInstalled(this.installed, requests)),
    );
    if (!result.ok) return result;
    const value = result.value as { installed?: InstalledPackage[]; wheels?: Wheel[] };
    const added = value.wheels ?? [];
    for (const wheel of added) this.wheels.set(wheel.file, wheel);
    if (added.length > 0) await this.keep(value.installed ?? [], added);
    return result;
  }

  /** Unpacks into `process` (a fresh interpreter) every wheel the session installed so far. */
  async restore(process: PyodideProcess): Promise<PyodideProcess> {
    if (this.wheels.size === 0) return process;
    // JSON of strings, lists and dicts is a Python literal too.
    const outcome = await process.run('setup', `_codeact_unpack_wheels(${JSON.stringify([...this.wheels.values()])})`);
    if (outcome.type === 'exit') throw new Error(`Restoring the installed packages failed: ${outcome.reason}`);
    return process;
  }

  private async keep(added: readonly InstalledPackage[], wheels: readonly Wheel[]): Promise<void> {
    if (this.siteDir === undefined) {
      this.installed = [...this.installed, ...added];
      return;
    }
    const folder = join(this.siteDir, wheelFolder);
    await mkdir(folder, { recursive: true });
    for (const wheel of wheels) {
      await writeFile(join(folder, basename(wheel.file)), Buffer.from(wheel.data, 'base64'), { mode: 0o644 });
    }
    const list = join(folder, 'files.json');
    await writeFile(`${list}.tmp`, JSON.stringify([...this.wheels.keys()].map((file) => basename(file))));
    await rename(`${list}.tmp`, list);
    this.installed = await writeSiteManifest(this.siteDir, added);
  }
}
