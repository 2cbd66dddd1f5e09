/** One package the host installed into a session's site dir, and the cached archive it came from. */
export type InstalledPackage = {
  readonly name: string;
  readonly version: string;
  readonly file: string;
  readonly sha256: string;
};

/** The record of what the host installed into a site dir, kept in it (read-only to the sandbox). */
export const siteManifestName = 'codeact-packages.json';

function isInstalledPackage(value: unknown): value is InstalledPackage {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.name === 'string' &&
    /^[A-Za-z0-9._-]+$/.test(entry.name) &&
    typeof entry.version === 'string' &&
    /^[A-Za-z0-9.*+!_-]+$/.test(entry.version) &&
    typeof entry.file === 'string' &&
    /^[A-Za-z0-9._+!-]+$/.test(entry.file) &&
    typeof entry.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(entry.sha256)
  );
}

/** The packages a site manifest records, oldest first; malformed text or entries count as none. */
export function parseSiteManifest(text: string | undefined): InstalledPackage[] {
  if (text === undefined) return [];
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter(isInstalledPackage) : [];
  } catch {
    return [];
  }
}

/** The installed set as a requirements.txt (`name==version` lines). */
export function toRequirements(packages: readonly InstalledPackage[]): string {
  return packages.map((entry) => `${entry.name}==${entry.version}\n`).join('');
}
