/**
 * Which revision of MINT's answer checkers to apply.
 * - `recorded` (default): the code in force when the published MINT outputs were scored. The
 *   ReasoningTask tolerance is `0.05·ref`, so a negative reference can never be matched.
 * - `current`: mint-bench HEAD (commit 3f7f12c, June 2024), tolerance `0.05·|ref|`.
 */
export type GradingRule = 'recorded' | 'current';
