/** MINT columns of the paper's Table 5 (k = 5, success rate %), for reports. */
export const mintPaperRows: readonly { readonly model: string; readonly id: number; readonly od: number }[] = [
  { model: 'CodeActAgent (Llama-2, 7B)', id: 51.3, od: 20.4 },
  { model: 'CodeActAgent (Mistral, 7B)', id: 57.4, od: 32.4 },
];

/**
 * Per-family successes of the recorded CodeActAgent-Mistral-7b-v0.1 run in mint-bench (k = 5), which
 * give Table 5's 57.4 (ID) and 32.4 (OD). ALFWorld needs the TextWorld engine, which codeact does
 * not run; reports take its count from the recording.
 */
export const codeActAgentMistralRecorded: Readonly<
  Record<string, { readonly success: number; readonly total: number }>
> = {
  alfworld: { success: 110, total: 134 },
  math: { success: 32, total: 100 },
  hotpotqa: { success: 17, total: 43 },
  gsm8k: { success: 29, total: 48 },
  mmlu: { success: 39, total: 76 },
  theoremqa: { success: 10, total: 49 },
  humaneval: { success: 11, total: 45 },
  mbpp: { success: 11, total: 91 },
};
