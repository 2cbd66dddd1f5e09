import { randomUUID } from 'node:crypto';
import type { InstalledPackage, ToolCallResult, ToolCallScope, ToolErrorType } from '@codeact/core';
import type { PackageSupport } from './package-options.js';
import { checkPackageRules } from './package-policy.js';
import { normalizePackageName, type PackageRequest, parsePackageRequests } from './package-request.js';
import { readSiteManifest } from './site-manifest.js';

/** The tool-bridge name the REPL's `install_packages` and `%pip install` call; never a user tool. */
export const installBridgeName = '__codeact_install_packages__';
/** The name approvers see (the UI's dialog, chat's prompt, tool-approval events). */
export const installToolName = 'install_packages';

const refuse = (type: ToolErrorType, message: string): ToolCallResult => ({
  ok: false,
  error: { type, message },
});

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether an installed package meets a request: same name and, when pinned with `==`, that version. */
export function satisfies(entry: InstalledPackage, request: PackageRequest): boolean {
  if (normalizePackageName(entry.name) !== request.name) return false;
  const specifier = request.spec.slice(request.spec.search(/[<>=!~]|$/));
  if (specifier === '') return true;
  return specifier === `==${entry.version}`;
}

function readRequests(args: unknown): PackageRequest[] {
  const packages = (args as { packages?: unknown } | null)?.packages;
  if (!Array.isArray(packages) || !packages.every((name) => typeof name === 'string')) {
    throw new TypeError('install_packages() takes a list of package names, e.g. install_packages(["requests"]).');
  }
  return parsePackageRequests(packages);
}

/** Why the install may not go ahead, or undefined when it may (asking the approver under `ask`). */
async function installDenial(
  support: PackageSupport,
  requests: readonly PackageRequest[],
  scope: ToolCallScope,
  signal: AbortSignal,
): Promise<string | undefined> {
  const undecided: PackageRequest[] = [];
  for (const request of requests) {
    const rule = checkPackageRules(support.rules, request.name);
    if (rule.verdict === 'deny') return rule.reason;
    if (rule.verdict === 'policy') undecided.push(request);
  }
  if (undecided.length === 0 || support.policy === 'allow') return undefined;
  const names = undecided.map((request) => request.spec).join(', ');
  if (support.policy === 'deny') {
    return `installing packages (${names}) is turned off here; the host's operator can allow it with --packages allow or ask`;
  }
  if (!scope.approveToolCall) return `installing ${names} needs approval and nobody can approve it here`;
  const decision = await scope
    .approveToolCall({
      toolName: installToolName,
      args: { packages: undecided.map((request) => request.spec) },
      callId: randomUUID(),
      runId: scope.runId,
      abortSignal: signal,
    })
    .catch(() => 'deny' as const);
  if (signal.aborted) throw signal.reason;
  return decision === 'allow' ? undefined : `installing ${names} was denied; do not retry it`;
}

/** How one interpreter serves installs: what is there already (when all of it is), and the install itself. */
export type InstallSteps = {
  readonly already?: ((requests: readonly PackageRequest[]) => Promise<unknown>) | undefined;
  readonly install: (requests: readonly PackageRequest[]) => Promise<unknown>;
};

/**
 * Serves one `install_packages` request: validates the names, answers at once when everything is
 * there already, applies the rules file and the policy (asking the run's approver under `ask`), then
 * installs. Refusals reach Python as `PermissionError`, bad names as `TypeError`, failed downloads
 * as `ToolError`.
 */
export async function serveInstallCall(
  support: PackageSupport | undefined,
  args: unknown,
  scope: ToolCallScope,
  signal: AbortSignal,
  steps: InstallSteps,
): Promise<ToolCallResult> {
  if (!support) return refuse('PermissionError', 'installing packages is not available in this interpreter');
  let requests: PackageRequest[];
  try {
    requests = readRequests(args);
  } catch (error) {
    return refuse('TypeError', messageOf(error));
  }
  const already = await steps.already?.(requests);
  if (already !== undefined) return { ok: true, value: already };
  const reason = await installDenial(support, requests, scope, signal);
  if (reason !== undefined) return refuse('PermissionError', reason);
  try {
    return { ok: true, value: await steps.install(requests) };
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return refuse('ToolError', messageOf(error));
  }
}

/** Every request met by one of `present`, as the answer Python gets; undefined when one is missing. */
export function alreadyInstalled(present: readonly InstalledPackage[], requests: readonly PackageRequest[]) {
  const found = requests.map((request) => present.find((entry) => satisfies(entry, request)));
  return found.every((entry) => entry !== undefined) ? described(found) : undefined;
}

const described = (packages: readonly InstalledPackage[]) => ({
  installed: packages.map(({ name, version }) => ({ name, version })),
});

/** Serves `install_packages` for a CPython session: installs on the host into its site dir. */
export function installPackagesCall(
  support: PackageSupport | undefined,
  siteDir: string,
  args: unknown,
  scope: ToolCallScope,
  signal: AbortSignal,
): Promise<ToolCallResult> {
  return serveInstallCall(support, args, scope, signal, {
    // Already there (a replayed action, a repeated cell): nothing to ask or download.
    already: async (requests) => alreadyInstalled(await readSiteManifest(siteDir), requests),
    install: async (requests) => described((await support?.installer.install(siteDir, requests, signal)) ?? []),
  });
}
