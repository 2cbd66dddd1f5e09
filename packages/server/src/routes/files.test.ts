import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { modelAnswer, modelCode, ScriptedExecutor, ScriptedModel } from '@codeact/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationDetail } from '../server-types.js';
import { createConversation, createTestServer, sendAndWait, type TestServer } from '../test-support/test-server.js';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.dispose();
  server = undefined;
});

const octets = { 'content-type': 'application/octet-stream' };

describe('conversation files', () => {
  it('uploads a CSV into the work dir, lists and downloads it, and tells the model at the next message', async () => {
    const model = new ScriptedModel([
      modelCode("import pandas as pd\nprint(pd.read_csv('sales.csv').shape)"),
      modelAnswer('2 rows'),
    ]);
    const executor = new ScriptedExecutor([{ stdout: '(2, 2)\n' }]);
    server = await createTestServer({ models: { 'script:a': model }, executor });
    const id = await createConversation(server);
    const csv = 'month,revenue\njan,10\nfeb,12\n';
    const uploaded = await server.call(`/api/conversations/${id}/files?name=sales.csv`, {
      method: 'POST',
      body: csv,
      headers: octets,
    });
    expect(uploaded.status).toBe(201);
    expect(await uploaded.json()).toMatchObject({ file: { name: 'sales.csv', size: csv.length } });
    expect(await readFile(join(server.workRoot, id, 'sales.csv'), 'utf8')).toBe(csv);

    const listed = (await (await server.call(`/api/conversations/${id}/files`)).json()) as {
      files: { name: string }[];
    };
    expect(listed.files.map((file) => file.name)).toEqual(['sales.csv']);
    const download = await server.call(`/api/conversations/${id}/files/sales.csv`);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe("attachment; filename*=UTF-8''sales.csv");
    expect(download.headers.get('content-type')).toBe('application/octet-stream');
    expect(await download.text()).toBe(csv);

    const pending = (await (await server.call(`/api/conversations/${id}`)).json()) as ConversationDetail;
    expect(pending.pendingUploads).toEqual([{ name: 'sales.csv', size: csv.length }]);
    await sendAndWait(server, id, 'How many rows?');
    expect(model.calls[0]?.messages.at(-1)?.content).toBe(
      'How many rows?\n\n[Uploaded to the working directory: sales.csv (28 B)]',
    );
    expect(executor.sessions[0]?.workDir).toBe(join(server.workRoot, id));
    const after = (await (await server.call(`/api/conversations/${id}`)).json()) as ConversationDetail;
    expect(after.pendingUploads).toEqual([]);
    expect(after.turns[0]?.uploads).toEqual([{ name: 'sales.csv', size: csv.length }]);
  });

  it.each(['../escape.csv', '..', '.env', 'a/b.csv', 'a\\b.csv', '/etc/passwd', 'x\u0000.csv', '-rf', ''])(
    'refuses the file name %j',
    async (name) => {
      server = await createTestServer({
        models: { 'script:a': new ScriptedModel([]) },
        executor: new ScriptedExecutor([]),
      });
      const id = await createConversation(server);
      const response = await server.call(`/api/conversations/${id}/files?name=${encodeURIComponent(name)}`, {
        method: 'POST',
        body: 'data',
        headers: octets,
      });
      expect(response.status).toBe(400);
    },
  );

  it('never follows a symlink planted in the work dir, neither to read nor to write', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
    });
    const id = await createConversation(server);
    const outside = join(server.workRoot, 'outside-secret.txt');
    await writeFile(outside, 'secret');
    await symlink(outside, join(server.workRoot, id, 'link.txt'));
    expect((await server.call(`/api/conversations/${id}/files/link.txt`)).status).toBe(404);
    expect((await server.call(`/api/conversations/${id}/files/..%2Foutside-secret.txt`)).status).toBe(400);
    const listed = (await (await server.call(`/api/conversations/${id}/files`)).json()) as { files: unknown[] };
    expect(listed.files).toEqual([]);
    const overwrite = await server.call(`/api/conversations/${id}/files?name=link.txt`, {
      method: 'POST',
      body: 'new',
      headers: octets,
    });
    expect(overwrite.status).toBe(201);
    expect(await readFile(outside, 'utf8')).toBe('secret');
    expect(await readFile(join(server.workRoot, id, 'link.txt'), 'utf8')).toBe('new');
  });

  it('enforces the upload size and the work dir quota', async () => {
    server = await createTestServer({
      models: { 'script:a': new ScriptedModel([]) },
      executor: new ScriptedExecutor([]),
      limits: { maxUploadBytes: 100, workDirQuotaBytes: 150 },
    });
    const id = await createConversation(server);
    const big = await server.call(`/api/conversations/${id}/files?name=big.bin`, {
      method: 'POST',
      body: 'x'.repeat(101),
      headers: octets,
    });
    expect(big.status).toBe(413);
    const ok = await server.call(`/api/conversations/${id}/files?name=a.bin`, {
      method: 'POST',
      body: 'x'.repeat(100),
      headers: octets,
    });
    expect(ok.status).toBe(201);
    const overQuota = await server.call(`/api/conversations/${id}/files?name=b.bin`, {
      method: 'POST',
      body: 'x'.repeat(60),
      headers: octets,
    });
    expect(overQuota.status).toBe(413);
    await mkdir(join(server.workRoot, id, 'folder'));
    const onDirectory = await server.call(`/api/conversations/${id}/files?name=folder`, {
      method: 'POST',
      body: 'x',
      headers: octets,
    });
    expect(onDirectory.status).toBe(409);
  });
});
