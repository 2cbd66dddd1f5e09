import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { PackageRequest } from './package-request.js';

/** The project's PEP 503 page, or undefined when it cannot be read. */
async function projectPage(indexUrl: string, name: string): Promise<string | undefined> {
  const url = `${indexUrl.replace(/\/+$/, '')}/${name}/`;
  try {
    if (url.startsWith('file:')) return await readFile(`${fileURLToPath(url)}index.html`, 'utf8');
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

/**
 * When pip found no binary wheel, says so plainly for the first request the index offers only as a
 * source distribution (which would need building on the host); undefined when that was not the cause.
 */
export async function sourceOnlyMessage(
  indexUrl: string,
  requests: readonly PackageRequest[],
  pipMessage: string,
): Promise<string | undefined> {
  if (!/No matching distribution|Could not find a version/.test(pipMessage)) return undefined;
  for (const request of requests) {
    const page = await projectPage(indexUrl, request.name);
    if (page === undefined) continue;
    const files = [...page.matchAll(/href="([^"#]+)/g)].map((match) => match[1] ?? '');
    const wheels = files.some((file) => file.endsWith('.whl'));
    const sources = files.some((file) => /\.(tar\.gz|zip|tar\.bz2)$/.test(file));
    if (sources && !wheels) {
      return `${request.spec} is only available as a source distribution, which needs building: refused (binary wheels only). The host's operator can allow builds with --allow-sdist.`;
    }
  }
  return undefined;
}
