/** One row of the paper's Table 2: correct calls out of 399 per format (percentages are k/399). */
export type ApiBankPaperRow = {
  readonly model: string;
  readonly open: boolean;
  readonly correct: { readonly code: number; readonly json: number; readonly text: number };
};

const row = (model: string, open: boolean, code: number, json: number, text: number): ApiBankPaperRow => ({
  model,
  open,
  correct: { code, json, text },
});

/** Table 2 of the paper (counts from its analysis notebook), spec §12. */
export const apiBankPaperResults: readonly ApiBankPaperRow[] = [
  row('CodeLlama-7b-Instruct-hf', true, 50, 48, 68),
  row('CodeLlama-13b-Instruct-hf', true, 47, 31, 56),
  row('CodeLlama-34b-Instruct-hf', true, 69, 48, 67),
  row('Llama-2-7b-chat-hf', true, 115, 45, 103),
  row('Llama-2-13b-chat-hf', true, 152, 34, 149),
  row('Llama-2-70b-chat-hf', true, 142, 57, 150),
  row('Mistral-7B-Instruct-v0.1', true, 10, 9, 12),
  row('lemur-70b-chat-v1', true, 234, 186, 224),
  row('claude-2', false, 306, 237, 294),
  row('claude-instant-1', false, 300, 259, 292),
  row('gemini-pro', false, 281, 292, 284),
  row('gpt-3.5-turbo-0613', false, 297, 295, 293),
  row('gpt-3.5-turbo-1106', false, 301, 313, 293),
  row('gpt-4-0613', false, 301, 327, 297),
  row('gpt-4-1106-preview', false, 306, 330, 293),
  row('text-davinci-002', false, 276, 238, 229),
  row('text-davinci-003', false, 301, 307, 278),
];

/** The paper's denominator: every level-1 instance, duplicates included. */
export const apiBankPaperTotal = 399;

/** The paper's row for a model id (`org/name` and case are ignored), if it has one. */
export function findApiBankPaperRow(modelId: string): ApiBankPaperRow | undefined {
  const name = (modelId.split('/').at(-1) ?? modelId).toLowerCase();
  return apiBankPaperResults.find((entry) => entry.model.toLowerCase() === name);
}
