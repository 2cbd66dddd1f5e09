import { describe, expect, it } from 'vitest';
import { mcpServersFromConfig, parseMcpFlag, splitCommandLine } from './mcp-server-spec.js';
import { pythonName } from './python-name.js';

describe('parseMcpFlag', () => {
  it('reads NAME=COMMAND ARGS with shell quoting', () => {
    expect(parseMcpFlag(`fs=npx -y @modelcontextprotocol/server-filesystem "/my dir" 'a b'`)).toEqual({
      name: 'fs',
      transport: 'stdio',
      command: 'npx',
      args: ['-y', '@modelcontextprotocol/server-filesystem', '/my dir', 'a b'],
      env: {},
    });
  });

  it('reads NAME=URL with a bearer token from $NAME_MCP_TOKEN', () => {
    expect(parseMcpFlag('gh=https://api.example.com/mcp', { GH_MCP_TOKEN: 't0k' })).toEqual({
      name: 'gh',
      transport: 'http',
      url: 'https://api.example.com/mcp',
      headers: { Authorization: 'Bearer t0k' },
    });
  });

  it('says how to write the flag when it is malformed', () => {
    expect(() => parseMcpFlag('npx server')).toThrow(/--mcp takes NAME=COMMAND/);
    expect(() => parseMcpFlag('my-fs=npx server')).toThrow(/must be a Python identifier/);
  });
});

// biome-ignore lint/suspicious/noTemplateCurlyInString: the config files' own ${VAR} syntax.
const secretRef = '${SECRET}';

describe('mcpServersFromConfig', () => {
  it('reads the mcpServers shape, expanding $VAR references in env and headers', () => {
    const config = {
      mcpServers: {
        fs: { command: 'npx', args: ['-y', 'server'], env: { TOKEN: secretRef } },
        web: { url: 'https://x.example/mcp', headers: { Authorization: `Bearer ${secretRef}` } },
      },
    };
    expect(mcpServersFromConfig(config, 'mcp.json', { SECRET: 's' })).toEqual([
      { name: 'fs', transport: 'stdio', command: 'npx', args: ['-y', 'server'], env: { TOKEN: 's' }, cwd: undefined },
      { name: 'web', transport: 'http', url: 'https://x.example/mcp', headers: { Authorization: 'Bearer s' } },
    ]);
  });

  it('names the file and the bad field', () => {
    expect(() => mcpServersFromConfig({ mcpServers: { fs: { args: [] } } }, 'mcp.json')).toThrow(
      /^mcp\.json: mcpServers\.fs/,
    );
    expect(() => mcpServersFromConfig({ servers: {} }, 'mcp.json')).toThrow(/^mcp\.json: mcpServers: /);
  });
});

describe('pythonName', () => {
  it('maps MCP names to identifiers without collisions', () => {
    expect(pythonName('get-sum')).toBe('get_sum');
    expect(pythonName('2fa.check')).toBe('_2fa_check');
    expect(pythonName('class')).toBe('class_');
    expect(pythonName('get_sum', new Set(['get_sum']))).toBe('get_sum_2');
  });
});

describe('splitCommandLine', () => {
  it('keeps escaped spaces and empty quotes', () => {
    expect(splitCommandLine(String.raw`a\ b "" c`)).toEqual(['a b', '', 'c']);
  });
});
