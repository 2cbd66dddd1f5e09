import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
// The same file from src/ and from dist/ (tsc does not copy it).
const builder = fileURLToPath(new URL('../../../src/packages/testing/build-wheels.py', import.meta.url));

/** Builds the test packages and their PEP 503 index under `root` (`root/simple`), usable as a file:// index. */
export async function buildTestIndex(root: string): Promise<void> {
  await run('/usr/bin/python3', ['-I', builder, root]);
}

/** A PEP 503 index of tiny test packages, served on an ephemeral port of 127.0.0.1. */
export type TestIndex = {
  /** `http://127.0.0.1:PORT/simple` */
  readonly url: string;
  readonly port: number;
  /** Paths requested so far (e.g. `/files/codeact_tiny_dep-1.0-py3-none-any.whl`). */
  readonly requests: string[];
  close(): Promise<void>;
};

/**
 * Builds the test packages into `root` with Debian's python3 (`codeact-tiny-dep`, `codeact-tiny-app`
 * depending on it, `codeact-bad-hash` listed with a wrong sha256, `codeact-source-only` with only an
 * sdist) and serves them over HTTP. Offline: nothing leaves the machine.
 */
export async function serveTestIndex(root: string): Promise<TestIndex> {
  await buildTestIndex(root);
  const requests: string[] = [];
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? '/', 'http://index').pathname));
    requests.push(path);
    const file = join(root, path, path.endsWith('/') ? 'index.html' : '');
    readFile(file).then(
      (body) => {
        response.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : 'application/octet-stream' });
        response.end(body);
      },
      () => {
        response.writeHead(404);
        response.end();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/simple`,
    port,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
