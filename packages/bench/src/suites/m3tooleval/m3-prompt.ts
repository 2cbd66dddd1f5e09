import type { M3Format, M3Task, M3ToolSpec } from './m3-data.js';

const modeBlocks: Readonly<Record<M3Format, string>> = {
  text:
    'You can use the tools by outputing the tool name followed by its arguments, delimited by commas.\n' +
    "You should begin your tool invocation with 'Action:' and end it with 'End Action'.\n" +
    "Example: 'Action: tool_name, argument_1 End Action'\n" +
    'You can only invoke one tool at a time.\n',
  json:
    'You can use the tools by outputing a JSON object with the following fields:\n' +
    "  - 'tool': the name of the tool\n" +
    "  - 'args': a list of arguments to the tool\n" +
    "You should begin your tool invocation with 'Action:' and end it with 'End Action'.\n" +
    `Example: 'Action: {"tool": "tool_name", "args": ["argument_1"]} End Action'\n` +
    'You can only invoke one tool at a time.\n',
  code:
    'You can use the tools by outputing a block of Python code that invoke the tools.\n' +
    'You may use for-loops, if-statements, and other Python constructs when necessary.\n' +
    'Be sure to print the final answer at the end of your code.\n' +
    "You should begin your tool invocation with 'Action:' and end it with 'End Action'.\n" +
    "Example: 'Action:\ntool_name(argument_1)\nEnd Action'\n",
};

/** The signature `find_flights` really has; `--fixed` shows it instead of the original's wrong one. */
const fixedSignatures: Readonly<Record<string, string>> = {
  find_flights: 'find_flights(from_location: str, to_location: str, date: str) -> List[Dict]',
};

/** The mode block of the prompt (the part that differs between formats). */
export function m3ModeInstructions(format: M3Format): string {
  return modeBlocks[format];
}

/**
 * The one user message of an episode (spec §2.2), byte-identical to the original's `get_prompt`.
 * `fixed` only corrects the `find_flights` signature.
 */
export function buildM3Prompt(task: M3Task, tools: readonly M3ToolSpec[], format: M3Format, fixed = false): string {
  let prompt = 'You have access to the following tools:\n';
  tools.forEach((tool, index) => {
    const signature = (fixed ? fixedSignatures[tool.name] : undefined) ?? tool.fn_signature;
    prompt += `[${index + 1}] ${tool.name}: ${tool.description}\n    Signature: ${signature}\n`;
  });
  return (
    `${prompt}\n${modeBlocks[format]}` +
    "\nNow, let's get started!\n\n" +
    `Instruction: ${task.instruction}` +
    "\nYou can optionally express your thoughts using natural language before your action. For example, 'Thought: I want to use tool_name to do something. Action: <your action to call tool_name> End Action'." +
    "\nNote that your output should always contain either 'Action:' or 'Answer:', but not both." +
    "\nWhen you are done, output the result using 'Answer: your answer'" +
    '\nPlease ONLY output the answer (e.g., single number), without any other text.'
  );
}
