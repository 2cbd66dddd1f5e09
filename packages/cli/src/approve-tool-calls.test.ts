import { describe, expect, it } from 'vitest';
import { approveToolCalls } from './approve-tool-calls.js';
import { parseCli } from './parse-cli.js';
import { createStyler } from './style-text.js';

const request = (toolName: string) => ({ toolName, args: { to: 'bob' }, callId: 'c' });

async function* answers(...lines: string[]) {
  yield* lines;
}

describe('approveToolCalls', () => {
  it('takes --allow-tool repeatedly and --yes on run and chat', () => {
    const parsed = parseCli(['run', '--allow-tool', 'send_email', '--allow-tool', 'github.*', '--yes', 'task']);
    expect(parsed.success && parsed.values).toMatchObject({ 'allow-tool': ['send_email', 'github.*'], yes: true });
    expect(parseCli(['exec', '--yes', '-']).success).toBe(false);
  });

  it('denies in run unless the tool is allowed by name or --yes', async () => {
    const approve = approveToolCalls(parseValues(['run', '--allow-tool', 'fs.*', 'task']));
    expect(await approve(request('send_email'))).toBe('deny');
    expect(await approve(request('fs.write_file'))).toBe('allow');
    expect(await approveToolCalls(parseValues(['run', '--yes', 'task']))(request('send_email'))).toBe('allow');
  });

  it('asks in chat: once, always (not asked again), deny, and deny at end of input', async () => {
    let written = '';
    const lines = answers('y', 'a', 'n');
    const approve = approveToolCalls(parseValues(['chat']), {
      write: (text) => {
        written += text;
      },
      lines,
      style: createStyler(false),
    });
    expect(await approve(request('send_email'))).toBe('allow');
    expect(await approve(request('delete_file'))).toBe('allow');
    expect(await approve(request('delete_file'))).toBe('allow');
    expect(await approve(request('send_email'))).toBe('deny');
    expect(await approve(request('send_email'))).toBe('deny');
    expect(written.match(/Allow send_email\(\{"to":"bob"\}\)\?/g)).toHaveLength(3);
    expect(written.match(/Allow delete_file/g)).toHaveLength(1);
  });
});

function parseValues(argv: string[]) {
  const parsed = parseCli(argv);
  if (!parsed.success) throw new Error(parsed.error);
  return parsed.values;
}
