import { modelContract } from '@codeact/core/testing';
import { ReplayModel } from './replay-model.js';

const episode = (reply: string) => ({
  taskId: 'contract/0',
  prompt: undefined,
  turns: [{ reply }],
  outcome: { success: undefined, reason: undefined, modelError: 'HTTP 500 from the recorded provider' },
  source: { format: 'trajectory' as const, file: 'contract.jsonl', line: 1 },
});

modelContract({
  name: 'ReplayModel',
  createModel: (reply) => new ReplayModel({ episodes: [episode(reply)] }),
  // The recorded run ended in a model error: the call after the last recorded turn throws it.
  createFailingModel: () => new ReplayModel({ episodes: [{ ...episode('x'), turns: [] }] }),
});
