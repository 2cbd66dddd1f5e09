/** One requested package: `name`, `name==1.2`, `name>=1.0`, `name[extra]==2.0`. */
export type PackageRequest = { readonly name: string; readonly spec: string };

const requestPattern =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(\[[A-Za-z0-9._,-]+\])?((?:==|>=|<=|~=|!=|<|>)[A-Za-z0-9.*+!_-]+(?:,(?:==|>=|<=|~=|!=|<|>)[A-Za-z0-9.*+!_-]+)*)?$/;

/** The PEP 503 normal form of a project name (`Foo_Bar.baz` → `foo-bar-baz`). */
export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/**
 * Validates the requests an action made. Only names with an optional version specifier pass: no
 * options, paths or URLs ever reach pip's command line.
 */
export function parsePackageRequests(requests: readonly string[]): PackageRequest[] {
  if (requests.length === 0) throw new TypeError('Name at least one package, e.g. install_packages(["requests"]).');
  return requests.map((raw) => {
    const text = raw.replace(/\s+/g, '');
    const match = requestPattern.exec(text);
    if (!match?.[1]) {
      throw new TypeError(
        `${JSON.stringify(raw)} is not a package requirement: use NAME or NAME==VERSION (no options, paths or URLs).`,
      );
    }
    return { name: normalizePackageName(match[1]), spec: text };
  });
}
