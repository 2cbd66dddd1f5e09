import { pyStrip } from '../python/python-string.js';

// Upstream's patterns with Python semantics: `\d` is any Unicode decimal digit, `re.match` anchors
// at the start, and `$` also matches before a final newline.
const end = String.raw`(?=\n?$)`;
const num = String.raw`[\p{Nd},]*\.*\p{Nd}+`;
const unitAfter = new RegExp(`^([-+]?(?:${num})) [^0-9 ]+${end}`, 'u');
const unitBefore = new RegExp(`^[^0-9 ]+ ([-+]?(?:${num}))${end}`, 'u');
const suffixAfter = new RegExp(String.raw`^([-+]?(?:${num}))[^\p{Nd}]{1,2}${end}`, 'u');
const prefixBefore = new RegExp(String.raw`^[^\-+\p{Nd}]{1,2}((?:${num}))${end}`, 'u');
const plainNumber = new RegExp(String.raw`^[-+]?(?:\p{Nd}{1,3}(?:,\p{Nd}{3})*|\p{Nd}+)(?:\.\p{Nd}+)?${end}`, 'u');

/**
 * TheoremQA's answer preprocessing as MINT's `TheoremqaTask.extract_answer` does it, up to the
 * `eval`: keep what follows the last `=`/`≈`, drop `` ` ``, `$`, `°`, map yes/no/true/false, drop
 * units around a number, rewrite `10^k`, thousands separators and option letters (`"(a)"`).
 */
export function normalizeTheoremqaAnswer(solution: string): string {
  let prediction = solution;
  if (prediction.includes('=')) prediction = pyStrip(prediction.split('=').at(-1) as string);
  if (prediction.includes('≈')) prediction = pyStrip(prediction.split('≈').at(-1) as string);
  prediction = prediction.replaceAll('`', '').replaceAll('$', '').replaceAll('°', '');
  if (['true', 'yes', 'false', 'no'].includes(prediction)) {
    prediction = prediction === 'true' || prediction === 'yes' ? 'True' : 'False';
  }
  if (prediction.includes('True') || prediction.includes('False')) {
    prediction = prediction.includes('True') ? 'True' : 'False';
  }
  if (prediction.includes('approximately')) prediction = pyStrip(prediction.replaceAll('approximately', ''));
  if (prediction.includes(' or ')) prediction = prediction.split(' or ')[0] as string;
  for (const pattern of [unitAfter, unitBefore, suffixAfter, prefixBefore]) {
    const match = pattern.exec(prediction);
    if (match) prediction = match[1] as string;
  }
  if (prediction.includes('10^')) prediction = prediction.replace(/10\^(-?\p{Nd}+)/gu, 'math.pow(10, $1)');
  prediction = prediction.replaceAll(' x ', '*').replaceAll(' × ', '*');
  if (plainNumber.test(prediction)) prediction = prediction.replaceAll(',', '');
  for (const letter of ['a', 'b', 'c', 'd']) {
    if (
      prediction.includes(`${letter})`) ||
      prediction.includes(`${letter} )`) ||
      pyStrip(prediction.toLowerCase()) === letter
    ) {
      prediction = `(${letter})`;
    }
  }
  const option = /\([a-d]\)/.exec(prediction);
  if (option) prediction = `"${option[0]}"`;
  return prediction === '' ? '0' : prediction;
}
