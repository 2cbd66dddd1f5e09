import { ConfigurationError } from '@codeact/core';
import type { ExportFormat } from './export-formats.js';

/** Training tools a ready config can be written for. None is run here (no GPU). */
export const recipeNames = ['trl', 'axolotl', 'llama-factory'] as const;
export type RecipeName = (typeof recipeNames)[number];

/** The export format each tool reads (spec §3.2). */
export const recipeFormats: Readonly<Record<RecipeName, ExportFormat>> = {
  trl: 'openai',
  axolotl: 'codeactinstruct',
  'llama-factory': 'sharegpt',
};

export type BaseModel = { readonly id: string; readonly maxLength: number };

/** The paper's two bases and their training lengths (spec §3.1). */
export const baseModels: Readonly<Record<string, BaseModel>> = {
  mistral: { id: 'mistralai/Mistral-7B-v0.1', maxLength: 16384 },
  'llama-2': { id: 'meta-llama/Llama-2-7b-hf', maxLength: 4096 },
};

export type RecipeOptions = {
  readonly recipe: RecipeName;
  /** The exported JSONL, as the config should name it (relative to the config's folder). */
  readonly dataFile: string;
  /** A preset (`mistral`, `llama-2`) or a Hugging Face model id. Default `mistral`. */
  readonly baseModel?: string;
  /** Sequence length; default the preset's (16,384 Mistral, 4,096 Llama-2), else 4,096. */
  readonly maxLength?: number;
  /** Default `codeact-agent`. */
  readonly outputDir?: string;
};

/** One file of a recipe: its name (in the export folder) and text. */
export type RecipeFile = { readonly name: string; readonly text: string };

function resolveBase(options: RecipeOptions): BaseModel {
  const preset = baseModels[options.baseModel ?? 'mistral'];
  const id = preset?.id ?? options.baseModel ?? 'mistralai/Mistral-7B-v0.1';
  return { id, maxLength: options.maxLength ?? preset?.maxLength ?? 4096 };
}

const yamlString = (value: string) => JSON.stringify(value);

/** ChatML with `{% generation %}` around assistant content, so TRL can mask everything else. */
const chatmlTemplate =
  "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' }}{% if message['role'] == 'assistant' %}{% generation %}{{ message['content'] + '<|im_end|>' }}{% endgeneration %}{{ '\\n' }}{% else %}{{ message['content'] + '<|im_end|>' + '\\n' }}{% endif %}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}\n";

/**
 * Writes a training config that reproduces CodeActAgent's recipe (spec §3.1–3.2) for the exported
 * file: full fine-tune in bf16, ChatML with `<|im_start|>`/`<|im_end|>` added, loss on assistant turns
 * only, packing without cross-attention, lr 1e-5 cosine to 1e-6 with 50 warm-up steps, 5 epochs,
 * 32 sequences per step (micro-batch 1 × accumulation 8 on 4 GPUs).
 */
export function writeTrainingRecipe(options: RecipeOptions): RecipeFile[] {
  const base = resolveBase(options);
  const outputDir = options.outputDir ?? 'codeact-agent';
  const header = (command: string) =>
    [
      `# CodeActAgent fine-tune (paper §3.2; spec §3.1): written by \`codeact data export --recipe ${options.recipe}\`.`,
      `# Run: ${command}`,
      '# Assumes 4 GPUs (micro-batch 1 x gradient accumulation 8 = 32 sequences per step); adjust',
      '# gradient_accumulation_steps to keep 32 on other counts. Not run by codeact (no GPU here).',
    ].join('\n');
  switch (options.recipe) {
    case 'trl':
      return [
        {
          name: 'trl-sft.yaml',
          text: `${header('accelerate launch --num_processes 4 -m trl.cli sft --config trl-sft.yaml   (or: trl sft --config trl-sft.yaml)')}
# Needs TRL >= 0.20 (datasets mixture, assistant_only_loss, padding_free).
model_name_or_path: ${yamlString(base.id)}
dtype: bfloat16
attn_implementation: flash_attention_2
datasets:
  - path: json
    data_files: ${yamlString(options.dataFile)}
    split: train
chat_template_path: chatml.jinja
eos_token: "<|im_end|>"
assistant_only_loss: true
max_length: ${base.maxLength}
packing: true
padding_free: true
${trainerArguments(outputDir)}`,
        },
        { name: 'chatml.jinja', text: chatmlTemplate },
      ];
    case 'axolotl':
      return [
        {
          name: 'axolotl.yaml',
          text: `${header('accelerate launch -m axolotl.cli.train axolotl.yaml   (or: axolotl train axolotl.yaml)')}
base_model: ${yamlString(base.id)}
chat_template: chatml
special_tokens:
  eos_token: "<|im_end|>"
tokens:
  - "<|im_start|>"
  - "<|im_end|>"
datasets:
  - path: ${yamlString(options.dataFile)}
    ds_type: json
    type: chat_template
    field_messages: conversations
    message_property_mappings:
      role: role
      content: content
    roles_to_train: ["assistant"]
    train_on_eos: turn
sequence_len: ${base.maxLength}
sample_packing: true
pad_to_sequence_len: true
flash_attention: true
micro_batch_size: 1
gradient_accumulation_steps: 8
num_epochs: 5
optimizer: adamw_torch
learning_rate: 1.0e-5
lr_scheduler: cosine
cosine_min_lr_ratio: 0.1
warmup_steps: 50
weight_decay: 0.01
adam_beta1: 0.9
adam_beta2: 0.999
adam_epsilon: 1.0e-8
max_grad_norm: 1.0
bf16: true
gradient_checkpointing: true
saves_per_epoch: 1
output_dir: ${yamlString(outputDir)}
`,
        },
      ];
    case 'llama-factory':
      return [
        {
          name: 'dataset_info.json',
          text: `${JSON.stringify(
            {
              codeact: {
                file_name: options.dataFile,
                formatting: 'sharegpt',
                columns: { messages: 'conversations', system: 'system' },
                tags: { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt' },
              },
            },
            null,
            2,
          )}\n`,
        },
        {
          name: 'llama-factory.yaml',
          text: `${header('llamafactory-cli train llama-factory.yaml')}
model_name_or_path: ${yamlString(base.id)}
stage: sft
do_train: true
finetuning_type: full
dataset: codeact
dataset_dir: .
template: chatml
new_special_tokens: "<|im_start|>,<|im_end|>"
resize_vocab: true
cutoff_len: ${base.maxLength}
packing: true
neat_packing: true
flash_attn: fa2
${trainerArguments(outputDir)}`,
        },
      ];
    default:
      throw new ConfigurationError(
        `unknown recipe ${String(options.recipe satisfies never)}; use trl, axolotl or llama-factory`,
      );
  }
}

/** The Hugging Face Trainer settings both TRL and LLaMA-Factory take (the paper's schedule, spec §3). */
function trainerArguments(outputDir: string): string {
  return `per_device_train_batch_size: 1
gradient_accumulation_steps: 8
num_train_epochs: 5
learning_rate: 1.0e-5
lr_scheduler_type: cosine_with_min_lr
lr_scheduler_kwargs:
  min_lr: 1.0e-6
warmup_steps: 50
weight_decay: 0.01
adam_beta1: 0.9
adam_beta2: 0.999
adam_epsilon: 1.0e-8
max_grad_norm: 1.0
bf16: true
gradient_checkpointing: true
save_strategy: epoch
logging_steps: 10
report_to: none
output_dir: ${yamlString(outputDir)}
`;
}
