import { mkdir } from 'node:fs/promises';
import type { InstalledPackage, ToolCallResult, ToolCallScope } from '@codeact/core';
import type { PyodideProcess } from '../pyodide/pyodide-process.js';
import { alreadyInstalled } from './install-packages-call.js';
import { type PyodidePackageSupport, pyodideInstallCall } from './pyodide-install-call.js';
import { readSiteManifest, writeSiteManifest } from './site-manifest.js';

type Wheel = { readonly file: string; readonly data: string };

/**
 * The packages of one Pyodide session: serves its install requests and keeps the wheels it
 * unpacked, so an interpreter replaced after a crash or a timeout gets them back before its next
 * action. With a host `siteDir` (a server's per-conversation one) the record (`codeact-packages.json`,
 * as CPython's) is kept there too: a later session on the same site dir starts with the recorded
 * packages (from the shared cache), and a replayed `%pip install` of one is neither asked nor fetched.
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

  /**
   * Takes over what the site dir's record lists (an earlier session's installs, or a record the
   * server put back from its store) for every package whose archive the shared cache still holds,
   * hash-checked; the others are asked for again when a cell installs them.
   */
  async load(): Promise<void> {
    if (this.siteDir === undefined || this.support === undefined) return;
    for (const entry of await readSiteManifest(this.siteDir)) {
      const data = await this.support.installer.read(entry).catch(() => undefined);
      if (!data) continue;
      this.wheels.set(entry.file, { file: entry.file, data: data.toString('base64') });
      this.installed.push(entry);
    }
  }

  async call(args: unknown, scope: ToolCallScope, signal: AbortSignal): Promise<ToolCallResult> {
    const result = await pyodideInstallCall(this.support, args, scope, signal, (requests) =>
      Promise.resolve(alreadyInstalled(this.installed, requests)),
    );
    if (!result.ok) return result;
    const value = result.value as { installed?: InstalledPackage[]; wheels?: Wheel[] };
    const added = value.wheels ?? [];
    for (const wheel of added) this.wheels.set(wheel.file, wheel);
    if (added.length > 0) await this.keep(value.installed ?? []);
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

  /** Records `added` (in the site dir when there is one; the archives stay in the shared cache). */
  private async keep(added: readonly InstalledPackage[]): Promise<void> {
    if (this.siteDir === undefined) {
      this.installed = [...this.installed, ...added];
      return;
    }
    await mkdir(this.siteDir, { recursive: true });
    this.installed = await writeSiteManifest(this.siteDir, added);
  }
}
