import { defineTool } from '@codeact/core';
import { z } from 'zod';

const stock: Record<string, number> = { apples: 12, pears: 5 };

export const countItem = defineTool({
  name: 'count_item',
  description: 'How many of an item are in stock (host-side inventory).',
  parameters: z.object({ item: z.string() }),
  returns: 'int',
  execute: ({ item }) => stock[item] ?? 0,
});
