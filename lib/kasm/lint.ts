/**
 * The linters for what an admin pastes into Kasm, one module each; this is
 * their one entry point (the API routes, the lint page and the Kasm audit
 * import from here).
 */
export const LINT_KINDS = ['run-config', 'exec-config', 'volume-mappings'] as const;
export type LintKind = (typeof LINT_KINDS)[number];

export { lintRunConfig, type RunConfigLintOptions } from './lint-run-config';
export { lintExecConfig } from './lint-exec-config';
export { lintVolumeMappings, type VolumeLintOptions } from './lint-volume-mappings';
