/** A setting's value and where it came from (`--base-url`, `CODEACT_BASE_URL`, …). */
export type Setting = { readonly value: string; readonly source: string };

/** The first candidate that is set and not blank, in the order given, trimmed. */
export function firstSetting(candidates: Readonly<Record<string, string | undefined>>): Setting | undefined {
  for (const [source, value] of Object.entries(candidates)) {
    const trimmed = value?.trim();
    if (trimmed) return { value: trimmed, source };
  }
  return undefined;
}
