import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BenchmarkTask } from '../../harness/benchmark-suite.js';

/** The five task families, in the original iteration order. */
export const m3Families = [
  'message_decoder',
  'dna_sequencer',
  'trade_calculator',
  'travel_itinerary_planning',
  'web_browsing',
] as const;
export type M3Family = (typeof m3Families)[number];

/** Action formats: the paper's `code_as_action`, `json_as_action`, `text_as_action`. */
export const m3Formats = ['code', 'json', 'text'] as const;
export type M3Format = (typeof m3Formats)[number];

export type M3Task = BenchmarkTask & {
  /** `<original family prefix>/<slug>`, as in the data files and the original's `task_name`. */
  readonly id: string;
  readonly family: M3Family;
  readonly instruction: string;
  /** `repr()` of the Python ground truth (the check evaluates it in Python). */
  readonly expectedRepr: string;
  /** `str()` of the ground truth. */
  readonly expectedStr: string;
  readonly expectedType: string;
  readonly globalIndex: number;
};

/** A tool as the prompt lists it (strings verbatim from the original). */
export type M3ToolSpec = {
  readonly position: number;
  readonly name: string;
  readonly description: string;
  readonly fn_signature: string;
};

export type M3Data = {
  readonly tasks: readonly M3Task[];
  readonly toolsets: Readonly<Record<M3Family, readonly M3ToolSpec[]>>;
  /** Data tables per family as JSON text, handed to the Python tools. */
  readonly tables: Readonly<Record<M3Family, string>>;
  /** Python sources: `runtime` and one per family. */
  readonly python: Readonly<Record<M3Family | 'runtime', string>>;
};

/** `packages/bench/data/m3tooleval/` (the same from `src/` and `dist/`). */
export const m3DataDir = fileURLToPath(new URL('../../../data/m3tooleval/', import.meta.url));

type RawTask = {
  id: string;
  family: M3Family;
  instruction: string;
  global_index: number;
  expected_output_py_repr: string;
  expected_output_py_str: string;
  expected_output_py_type: string;
};

const tableFiles: Readonly<Record<M3Family, string | undefined>> = {
  message_decoder: undefined,
  dna_sequencer: 'dna_sequencer.tables.json',
  trade_calculator: undefined,
  travel_itinerary_planning: 'travel_itinerary_planning.tables.json',
  web_browsing: 'web_browsing.pages.json',
};

async function read(name: string): Promise<string> {
  return readFile(`${m3DataDir}${name}`, 'utf8');
}

async function load(): Promise<M3Data> {
  const tasks: M3Task[] = [];
  const tables = {} as Record<M3Family, string>;
  const python = { runtime: await read('python/runtime.py') } as Record<M3Family | 'runtime', string>;
  for (const family of m3Families) {
    const raw = JSON.parse(await read(`${family}.tasks.json`)) as RawTask[];
    for (const task of raw) {
      tasks.push({
        id: task.id,
        family,
        instruction: task.instruction,
        expectedRepr: task.expected_output_py_repr,
        expectedStr: task.expected_output_py_str,
        expectedType: task.expected_output_py_type,
        globalIndex: task.global_index,
        // `dna_sequencer/<slug>` for the `cryptobotanists_plant_dna_sequencer/<slug>` ids.
        aliases: [`${family}/${task.id.slice(task.id.indexOf('/') + 1)}`].filter((alias) => alias !== task.id),
      });
    }
    const tableFile = tableFiles[family];
    tables[family] = tableFile ? await read(tableFile) : '{}';
    python[family] = await read(`python/${family}.py`);
  }
  tasks.sort((a, b) => a.globalIndex - b.globalIndex);
  const toolsets = JSON.parse(await read('toolsets.json')) as Record<M3Family, M3ToolSpec[]>;
  return { tasks, toolsets, tables, python };
}

let cached: Promise<M3Data> | undefined;

/** All 82 tasks, the tool strings, tables and Python sources; read once per process. */
export function loadM3Data(): Promise<M3Data> {
  cached ??= load();
  cached.catch(() => {
    cached = undefined;
  });
  return cached;
}
