import { defineTool } from '@codeact/core';
import { z } from 'zod';

/** A tool with a side effect: it must be approved before it runs. */
export const sendEmail = defineTool({
  name: 'send_email',
  description: 'Sends an email (pretend).',
  parameters: z.object({ to: z.string() }),
  returns: 'str',
  needsApproval: true,
  execute: ({ to }) => `sent to ${to}`,
});
