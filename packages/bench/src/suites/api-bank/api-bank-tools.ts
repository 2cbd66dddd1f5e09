import { defineTool, isPythonIdentifier, type Tool } from '@codeact/core';
import { fromJsonValue, PyDict, pyNone, pythonRepr, pythonStr, toJsonValue } from '@codeact/mint';
import { z } from 'zod';
import type { ApiBankData } from './api-bank-data.js';
import type { ApiBankEpisode } from './api-bank-episode.js';
import { apiDefinitions } from './apis/api-registry.js';

/**
 * The 49 APIs as tools for the code format: Python calls them through the tool bridge and they run
 * against the episode's environment, recorded for scoring. Every parameter is optional in the
 * signature so missing arguments reach the tool manager, which reports them as upstream does.
 */
export function createApiBankTools(episode: ApiBankEpisode, data: ApiBankData): Tool[] {
  const tools: Tool[] = [];
  for (const [name, api] of apiDefinitions) {
    const spec = data.apis.get(name);
    const description = spec ? (JSON.parse(spec.promptDescription) as { description: string }).description : name;
    const shape: Record<string, z.ZodOptional<z.ZodUnknown>> = {};
    for (const parameter of api.parameters) shape[parameter] = z.unknown().optional();
    tools.push(
      defineTool({
        name,
        description,
        parameters: z.strictObject(shape),
        execute: (args: Record<string, unknown>) => {
          const params = fromJsonValue(args);
          const outcome = episode.execute(name, params.type === 'dict' ? params : new PyDict());
          if (outcome.type === 'error') throw new Error(outcome.error);
          const exception = outcome.result.get('exception');
          if (exception?.type === 'str') throw new Error(exception.value);
          return toJsonValue(outcome.result.get('output') ?? pyNone);
        },
      }),
    );
  }
  return tools;
}

/**
 * The Python for a parsed code-format call: the call with its (string) arguments, printed. Keys that
 * are not Python identifiers go through `**{...}`, which the signature then rejects, as it should.
 */
export function renderPythonCall(apiName: string, params: PyDict): string {
  const entries = [...params];
  if (entries.every(([key]) => key.type === 'str' && isPythonIdentifier(key.value))) {
    return `print(${apiName}(${entries.map(([key, value]) => `${pythonStr(key)}=${pythonRepr(value)}`).join(', ')}))`;
  }
  const items = entries.map(
    ([key, value]) => `${pythonRepr({ type: 'str', value: pythonStr(key) })}: ${pythonRepr(value)}`,
  );
  return `print(${apiName}(**{${items.join(', ')}}))`;
}
