import type { TaskRecord } from '../task-record.js';

/** The 11 ALFWorld tools MINT preloads (spec §1.2); register implementations backed by the game engine. */
export const alfworldToolNames = [
  'put',
  'goto',
  'take_from',
  'open_receptacle',
  'toggle',
  'close_receptacle',
  'clean',
  'heat',
  'cool',
  'use',
  'look',
] as const;

const exampleByPrefix: [string, string][] = [
  ['pick_and_place', 'put'],
  ['pick_clean_then_place', 'clean'],
  ['pick_heat_then_place', 'heat'],
  ['pick_cool_then_place', 'cool'],
  ['look_at_obj', 'examine'],
  ['pick_two_obj', 'puttwo'],
];

/** One reset ALFWorld game: its id (`<task dir>/<trial dir>`) and first observation, welcome banner included. */
export type AlfworldGame = { game: string; observation: string };

/**
 * ALFWorld games to tasks (spec §1.6): `Interact with a household to solve a task. \n` plus the first
 * observation without its welcome banner, the in-context example picked by the game type, the 11
 * tools and the `alfworld` checker. Success comes from the game engine (Python TextWorld), which is not
 * part of codeact: dump `{game, observation}` lines with ALFWorld's own `env.reset()`, and register
 * an `alfworld` checker and the tools backed by that engine to collect.
 */
export function convertAlfworld(games: readonly AlfworldGame[]): TaskRecord[] {
  return games.map(({ game, observation }) => {
    const type = exampleByPrefix.find(([prefix]) => game.startsWith(prefix))?.[1] ?? 'put';
    const paragraphs = observation.trim().split('\n\n');
    const body = paragraphs[0]?.includes('Welcome to TextWorld')
      ? paragraphs.slice(1).join('\n\n')
      : observation.trim();
    return {
      id: `alfworld/${game}`,
      source: 'alfworld',
      prompt: `Interact with a household to solve a task. \n${body}`,
      reference: null,
      checker: 'alfworld',
      tools: [...alfworldToolNames],
      example: `alfworld/${type}`,
      metadata: { game, taskType: type },
    };
  });
}
