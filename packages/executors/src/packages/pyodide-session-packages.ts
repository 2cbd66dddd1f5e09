import type { ToolCallResult, ToolCallScope } from '@codeact/core';
import type { PyodideProcess } from '../pyodide/pyodide-process.js';
import { type PyodidePackageSupport, pyodideInstallCall } from './pyodide-install-call.js';

type Wheel = { readonly file: string; readonly data: string };

/**
 * The packages of one Pyodide session: serves its install requests and keeps the wheels it
 * unpacked, so an interpreter replaced after a crash or a timeout gets them back before its next action.
 */
export class PyodideSessionPackages {
  private readonly support: PyodidePackageSupport | undefined;
  private readonly wheels = new Map<string, Wheel>();

  constructor(support: PyodidePackageSupport | undefined) {
    this.support = support;
  }

  async call(args: unknown, scope: ToolCallScope, signal: AbortSignal): Promise<ToolCallResult> {
    const result = await pyodideInstallCall(this.support, args, scope, signal);
    if (result.ok) {
      for (const wheel of (result.value as { wheels?: Wheel[] }).wheels ?? []) this.wheels.set(wheel.file, wheel);
    }
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
}
