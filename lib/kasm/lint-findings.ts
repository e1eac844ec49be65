import { describeKeyPath, parseJson, type DuplicateKey, type JsonPath, type Position } from './json';
import { SEVERITY_ORDER, type Finding, type Severity } from './output';

/**
 * What the three linters (lint-run-config.ts, lint-exec-config.ts,
 * lint-volume-mappings.ts) share: the one parse with positions, the finding
 * list that places each finding at its JSON path, the order findings are shown in.
 */
export type Locate = (path: JsonPath) => Position | undefined;

export class Findings {
  readonly list: Finding[] = [];
  constructor(private readonly locate: Locate) {}
  add(id: string, severity: Severity, message: string, path: JsonPath = []) {
    const at = this.locate(path);
    this.list.push(at ? { id, severity, message, line: at.line, column: at.column } : { id, severity, message });
  }
}

/** Errors first, then warnings, then notes; by line within each. */
export function sorted(f: Finding[]): Finding[] {
  return [...f].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.line ?? 0) - (b.line ?? 0));
}

/**
 * A repeated key: the later value wins and the earlier is silently lost. An
 * error where that changes how the session starts (run_config), a warning
 * elsewhere (issue #11).
 */
export function duplicateKeyFindings(dups: DuplicateKey[], severity: Severity): Finding[] {
  return dups.map((d) => ({
    id: 'json.duplicate-key',
    severity,
    message: `"${describeKeyPath(d.path, d.key)}" appears twice (first at line ${d.first.line}, column ${d.first.column}): only this later value is used, the earlier one is silently lost.`,
    line: d.line,
    column: d.column,
  }));
}

/** Parse, or return the one finding that says where the JSON breaks. */
export function parseOrFinding(text: string): { value: unknown; locate: Locate; duplicates: DuplicateKey[] } | Finding[] {
  if (text.trim() === '') return [{ id: 'json.empty', severity: 'info', message: 'Nothing to check: paste the JSON.' }];
  const parsed = parseJson(text);
  if (!parsed.ok)
    return [
      {
        id: 'json.syntax',
        severity: 'error',
        message: `Not valid JSON at line ${parsed.line}, column ${parsed.column}: ${parsed.message}. Kasm refuses to save it.`,
        line: parsed.line,
        column: parsed.column,
      },
    ];
  return { value: parsed.value, locate: parsed.positionOf, duplicates: parsed.duplicates };
}

/** A JSON value as it reads in a message. */
export const show = (v: unknown) => JSON.stringify(v) ?? String(v);

/** Parse and start the finding list with the repeated keys; or the one finding that the text is empty or not JSON. */
export function startLint(text: string, duplicateSeverity: Severity): { value: unknown; f: Findings } | Finding[] {
  const p = parseOrFinding(text);
  if (Array.isArray(p)) return p;
  const f = new Findings(p.locate);
  f.list.push(...duplicateKeyFindings(p.duplicates, duplicateSeverity));
  return { value: p.value, f };
}
