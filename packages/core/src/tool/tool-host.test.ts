import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTool } from './define-tool.js';
import { describeTools } from './describe-tools.js';
import { pythonSignature } from './python-signature.js';
import { renderPythonStubs } from './render-python-stubs.js';
import { createToolHost } from './tool-host.js';

const search = defineTool({
  name: 'search',
  description: 'Searches the web.',
  parameters: z.object({ query: z.string(), limit: z.number().int().optional(), tags: z.array(z.string()).optional() }),
  returns: 'list[str]',
  execute: async ({ query, limit }) => Array.from({ length: limit ?? 1 }, (_, i) => `${query}-${i}`),
});

describe('defineTool', () => {
  it('refuses names Python cannot call', () => {
    const base = { description: '', parameters: z.object({}), execute: () => null };
    expect(() => defineTool({ ...base, name: 'not-valid' })).toThrow(/not a valid Python identifier/);
    expect(() => defineTool({ ...base, name: 'class' })).toThrow(/not a valid Python identifier/);
    expect(() => defineTool({ ...base, name: 'a.b.c' })).toThrow(/not a valid Python identifier/);
    expect(defineTool({ ...base, name: 'space.member' }).name).toBe('space.member');
    expect(() => defineTool({ ...base, name: 'ok', parameters: z.object({ 'a b': z.string() }) })).toThrow(
      /Parameter "a b"/,
    );
  });
});

describe('pythonSignature', () => {
  it('maps the zod schema to Python annotations with optional parameters last', () => {
    expect(pythonSignature(search)).toBe('search(query: str, limit: int = None, tags: list[str] = None) -> list[str]');
  });

  it('renders the MINT-style tool list', () => {
    expect(describeTools([search])).toBe(
      'Tool function available (already imported in <execute> environment):\n[1] search(query: str, limit: int = None, tags: list[str] = None) -> list[str]\nSearches the web.\n\n',
    );
  });
});

describe('renderPythonStubs', () => {
  it('forwards set arguments by name through the bridge function', () => {
    const source = renderPythonStubs([search]);
    expect(source).toContain('def search(query: str, limit: int = _codeact_unset, tags: list[str] = _codeact_unset):');
    expect(source).toContain('return __codeact_call_tool__("search", _args)');
  });
});

describe('createToolHost', () => {
  const host = createToolHost([
    search,
    defineTool({
      name: 'fail',
      description: '',
      parameters: z.object({}),
      execute: () => {
        throw new Error('nope');
      },
    }),
    defineTool({
      name: 'hang',
      description: '',
      parameters: z.object({}),
      timeoutMs: 20,
      execute: () => new Promise(() => {}),
    }),
  ]);
  const call = (name: string, args: unknown) => host.call({ name, args, sessionId: 's' });

  it('validates and runs a tool', async () => {
    expect(await call('search', { query: 'q', limit: 2 })).toEqual({ ok: true, value: ['q-0', 'q-1'] });
  });

  it('turns bad arguments, failures, timeouts and unknown tools into data', async () => {
    expect(await call('search', { query: 3 })).toMatchObject({ ok: false, error: { type: 'TypeError' } });
    expect(await call('fail', {})).toEqual({ ok: false, error: { type: 'ToolError', message: 'nope' } });
    expect(await call('hang', {})).toEqual({
      ok: false,
      error: { type: 'TimeoutError', message: 'hang() timed out after 20 ms.' },
    });
    expect(await call('toString', {})).toEqual({
      ok: false,
      error: { type: 'ToolError', message: 'No tool named toString.' },
    });
  });

  it("reports a tool's own deadline (an error named TimeoutError) as a TimeoutError", async () => {
    const own = createToolHost([
      defineTool({
        name: 'slow_api',
        description: '',
        parameters: z.object({}),
        execute: () => Promise.reject(Object.assign(new Error('request timed out'), { name: 'TimeoutError' })),
      }),
    ]);
    expect(await own.call({ name: 'slow_api', args: {}, sessionId: 's' })).toEqual({
      ok: false,
      error: { type: 'TimeoutError', message: 'request timed out' },
    });
  });

  it('rejects duplicate names', () => {
    expect(() => createToolHost([search, search])).toThrow(/Two tools are named search/);
  });

  it('passes the caller abort reason through unwrapped', async () => {
    const controller = new AbortController();
    const reason = new Error('user stop');
    const pending = host.call({ name: 'hang', args: {}, sessionId: 's', abortSignal: controller.signal });
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });
});

describe('ToolHost concurrency', () => {
  it('runs at most maxConcurrentCalls at once; the rest wait their turn and all complete', async () => {
    let active = 0;
    let peak = 0;
    const slow = defineTool({
      name: 'slow',
      description: 'Takes a moment.',
      parameters: z.object({ n: z.number() }),
      execute: async ({ n }) => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        return n;
      },
    });
    const host = createToolHost([slow], { maxConcurrentCalls: 2 });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, n) => host.call({ name: 'slow', args: { n }, sessionId: 's' })),
    );
    expect(results.map((result) => result.value)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
  });

  it('gives up waiting for a slot when the call is aborted', async () => {
    const hang = defineTool({
      name: 'hang',
      description: 'Never returns.',
      parameters: z.object({}),
      execute: () => new Promise(() => {}),
    });
    const host = createToolHost([hang], { maxConcurrentCalls: 1, timeoutMs: 60_000 });
    const first = new AbortController();
    const holding = host.call({ name: 'hang', args: {}, sessionId: 's', abortSignal: first.signal });
    const second = new AbortController();
    const waiting = host.call({ name: 'hang', args: {}, sessionId: 's', abortSignal: second.signal });
    const reason = new Error('action ended');
    second.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    first.abort(reason);
    await expect(holding).rejects.toBe(reason);
  });
});
