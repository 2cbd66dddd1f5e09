/** One row of the paper's Table 3: success rate (%) and average turns per format. */
export type M3PaperRow = {
  readonly model: string;
  readonly open: boolean;
  readonly success: { readonly code: number; readonly json: number; readonly text: number };
  readonly turns: { readonly code: number; readonly json: number; readonly text: number };
};

const row = (model: string, open: boolean, s: [number, number, number], t: [number, number, number]): M3PaperRow => ({
  model,
  open,
  success: { code: s[0], json: s[1], text: s[2] },
  turns: { code: t[0], json: t[1], text: t[2] },
});

/** Table 3 of the paper (identical to its analysis notebook), spec §6. */
export const m3PaperResults: readonly M3PaperRow[] = [
  row('CodeLlama-7b-Instruct-hf', true, [4.9, 2.4, 2.4], [9.7, 9.9, 9.9]),
  row('CodeLlama-13b-Instruct-hf', true, [4.9, 4.9, 4.9], [9.8, 9.8, 9.7]),
  row('CodeLlama-34b-Instruct-hf', true, [2.4, 0.0, 0.0], [9.9, 10.0, 10.0]),
  row('Llama-2-7b-chat-hf', true, [0.0, 1.2, 2.4], [8.9, 9.5, 9.6]),
  row('Llama-2-13b-chat-hf', true, [0.0, 0.0, 0.0], [9.7, 10.0, 10.0]),
  row('Llama-2-70b-chat-hf', true, [11.0, 3.7, 3.7], [9.1, 9.8, 9.8]),
  row('Mistral-7B-Instruct-v0.1', true, [0.0, 3.7, 1.2], [10.0, 9.8, 9.9]),
  row('lemur-70b-chat-v1', true, [13.4, 15.9, 12.2], [9.1, 9.3, 9.4]),
  row('claude-2', false, [54.9, 39.0, 29.3], [7.2, 8.3, 8.5]),
  row('claude-instant-1', false, [20.7, 31.7, 24.4], [8.8, 8.6, 8.9]),
  row('gemini-pro', false, [22.0, 19.5, 11.0], [8.8, 9.1, 9.5]),
  row('gpt-3.5-turbo-0613', false, [51.2, 26.8, 20.7], [7.0, 8.8, 9.2]),
  row('gpt-3.5-turbo-1106', false, [29.3, 15.9, 14.6], [8.4, 9.0, 9.0]),
  row('gpt-4-0613', false, [67.1, 56.1, 45.1], [6.6, 7.6, 8.0]),
  row('gpt-4-1106-preview', false, [74.4, 52.4, 53.7], [5.5, 7.6, 7.7]),
  row('text-davinci-002', false, [4.9, 4.9, 8.5], [9.7, 9.8, 9.6]),
  row('text-davinci-003', false, [20.7, 18.3, 7.3], [9.2, 9.0, 9.6]),
];

/**
 * The paper's row for a model id: exact (case-insensitive) or as the last path segment of a
 * hub-style id (`meta-llama/Llama-2-70b-chat-hf`).
 */
export function findM3PaperRow(modelId: string): M3PaperRow | undefined {
  const name = (modelId.split('/').at(-1) ?? modelId).toLowerCase();
  return m3PaperResults.find((entry) => entry.model.toLowerCase() === name);
}
