import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type PyDict, type PyValue, parsePythonJson } from '@codeact/mint';

/** The three action formats, named as in the upstream evaluator. */
export const actionModes = ['code_as_action', 'json_as_action', 'text_as_action'] as const;
export type ActionMode = (typeof actionModes)[number];

/** One API call of a dialogue: the annotated (string-typed) arguments and the recorded result. */
export type ApiCallTurn = {
  readonly role: 'API';
  readonly apiName: string;
  /** Arguments as annotated, often numbers or lists written as strings. */
  readonly paramDict: PyDict;
  /** `{api_name?, input, output, exception}` with the typed values the API received. */
  readonly result: PyDict;
};

export type DialogueTurn = { readonly role: 'User' | 'AI'; readonly text: string } | ApiCallTurn;

/** One scored API call: the history before it and its ground truth. */
export type ApiBankInstance = {
  readonly index: number;
  /** `<file>-<sample_id>`, the upstream resume key and our task id. */
  readonly instanceId: string;
  readonly file: string;
  readonly sampleId: number;
  /** `file` is named `-level-1-` or `-level-2-` (both belong to API-Bank's level-1 set). */
  readonly fileLevel: string;
  readonly dialogueIndex: number;
  /** The earlier identical instance this one duplicates (upstream scores both). */
  readonly duplicateOf: string | null;
  readonly apiName: string;
  /** APIs whose descriptions go into the prompt, in first-appearance order. */
  readonly apisInDialogue: readonly string[];
  readonly groundTruth: ApiCallTurn;
  /** The dialogue before the call. */
  readonly history: readonly DialogueTurn[];
};

export type ApiParameter = { readonly name: string; readonly type: string; readonly description: string };

export type ApiSpec = {
  readonly name: string;
  readonly inputParameters: readonly ApiParameter[];
  /** The `init_database` file the tool is built with. */
  readonly databaseFile: string | null;
  readonly receivesTokenChecker: boolean;
  /** The exact JSON line upstream puts in the prompt. */
  readonly promptDescription: string;
};

export type ApiBankPrompts = {
  /** System prompt header per format; the API descriptions follow it. */
  readonly callPromptHeader: Readonly<Record<ActionMode, string>>;
  readonly apiDescriptionSeparator: string;
  readonly responsePrefix: string;
  readonly assistantMergeSeparator: string;
};

export type ApiBankData = {
  readonly dataDir: string;
  readonly instances: readonly ApiBankInstance[];
  readonly apis: ReadonlyMap<string, ApiSpec>;
  readonly prompts: ApiBankPrompts;
  /** A parsed `init_database` file, shared: clone it before changing it. */
  database(file: string): PyValue;
};

/** `packages/bench/data/api-bank/`, next to `src/` and `dist/`. */
export const defaultApiBankDataDir = fileURLToPath(new URL('../../../data/api-bank/', import.meta.url));

function field(dict: PyValue | undefined, key: string): PyValue {
  if (dict?.type !== 'dict') throw new TypeError(`Expected an object with ${key}.`);
  const value = dict.get(key);
  if (value === undefined) throw new TypeError(`Missing field ${key}.`);
  return value;
}

function text(value: PyValue): string {
  if (value.type !== 'str') throw new TypeError('Expected a string.');
  return value.value;
}

function integer(value: PyValue): number {
  if (value.type !== 'int') throw new TypeError('Expected an integer.');
  return Number(value.value);
}

function list(value: PyValue): PyValue[] {
  if (value.type !== 'list') throw new TypeError('Expected a list.');
  return value.items;
}

function toTurn(item: PyValue): DialogueTurn {
  const role = text(field(item, 'role'));
  if (role === 'API') {
    const paramDict = field(item, 'param_dict');
    const result = field(item, 'result');
    if (paramDict.type !== 'dict' || result.type !== 'dict') throw new TypeError('Malformed API turn.');
    return { role: 'API', apiName: text(field(item, 'api_name')), paramDict, result };
  }
  if (role !== 'User' && role !== 'AI') throw new TypeError(`Unknown role ${role}.`);
  return { role, text: text(field(item, 'text')) };
}

function readJsonLines(path: string): PyValue[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => parsePythonJson(line));
}

const cache = new Map<string, ApiBankData>();

/** Loads (once per directory) the instances, dialogues, API metadata, prompts and databases. */
export function loadApiBankData(dataDir: string = defaultApiBankDataDir): ApiBankData {
  const cached = cache.get(dataDir);
  if (cached) return cached;
  const path = (name: string) => `${dataDir.replace(/\/?$/, '/')}${name}`;

  const dialogues = new Map<string, DialogueTurn[]>();
  for (const line of readJsonLines(path('dialogues.jsonl'))) {
    dialogues.set(text(field(line, 'file')), list(field(line, 'items')).map(toTurn));
  }

  const instances = readJsonLines(path('instances.jsonl')).map((line): ApiBankInstance => {
    const file = text(field(line, 'file'));
    const dialogueIndex = integer(field(line, 'dialogue_index'));
    const turns = dialogues.get(file);
    if (!turns) throw new TypeError(`No dialogue for ${file}.`);
    const groundTruth = toTurn(field(line, 'ground_truth'));
    if (groundTruth.role !== 'API') throw new TypeError('Ground truth must be an API turn.');
    const duplicateOf = field(line, 'duplicate_of');
    return {
      index: integer(field(line, 'index')),
      instanceId: text(field(line, 'instance_id')),
      file,
      sampleId: integer(field(line, 'sample_id')),
      fileLevel: /-level-(\d+)-/.exec(file)?.[1] === '1' ? 'level-1' : 'level-2',
      dialogueIndex,
      duplicateOf: duplicateOf.type === 'none' ? null : text(duplicateOf),
      apiName: text(field(line, 'api_name')),
      apisInDialogue: list(field(line, 'apis_in_dialogue')).map(text),
      groundTruth,
      history: turns.slice(0, dialogueIndex),
    };
  });

  const apis = new Map<string, ApiSpec>();
  const apisJson = JSON.parse(readFileSync(path('apis.json'), 'utf8')) as {
    apis: {
      name: string;
      input_parameters: Record<string, { type: string; description: string }>;
      database_file: string | null;
      receives_token_checker: boolean;
      prompt_description: string;
    }[];
  };
  for (const api of apisJson.apis) {
    apis.set(api.name, {
      name: api.name,
      inputParameters: Object.entries(api.input_parameters).map(([name, parameter]) => ({ name, ...parameter })),
      databaseFile: api.database_file,
      receivesTokenChecker: api.receives_token_checker,
      promptDescription: api.prompt_description,
    });
  }

  const promptsJson = JSON.parse(readFileSync(path('prompts.json'), 'utf8')) as {
    call_prompt_header: Record<ActionMode, string>;
    api_description_separator: string;
    api_response_message_prefix: string;
    assistant_merge_separator: string;
  };
  const databases = new Map<string, PyValue>();
  const data: ApiBankData = {
    dataDir,
    instances,
    apis,
    prompts: {
      callPromptHeader: promptsJson.call_prompt_header,
      apiDescriptionSeparator: promptsJson.api_description_separator,
      responsePrefix: promptsJson.api_response_message_prefix,
      assistantMergeSeparator: promptsJson.assistant_merge_separator,
    },
    database(file) {
      let database = databases.get(file);
      if (database === undefined) {
        database = parsePythonJson(readFileSync(path(`init_database/${file}`), 'utf8'));
        databases.set(file, database);
      }
      return database;
    },
  };
  cache.set(dataDir, data);
  return data;
}
