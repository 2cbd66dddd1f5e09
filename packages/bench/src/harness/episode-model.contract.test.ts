import { ScriptExhaustedError } from '@codeact/core';
import { modelContract, modelError, modelText, ScriptedModel } from '@codeact/core/testing';
import { episodeModel } from './episode-model.js';

// The benchmark harness's wrapper: it routes calls to the `<format>:<task id>` script.
const wrap = (steps: ConstructorParameters<typeof ScriptedModel>[0]) =>
  episodeModel(new ScriptedModel(steps), 't1', 'code');

modelContract({
  name: 'episodeModel wrapper',
  createModel: (reply) => wrap({ tasks: new Map([['code:t1', [modelText(reply)]]]) }),
  createFailingModel: () =>
    wrap({ tasks: new Map([['code:t1', [modelError(new ScriptExhaustedError('none left'))]]]) }),
});
