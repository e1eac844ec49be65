import { expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJson } from './json';
import { lintExecConfig, lintRunConfig, lintVolumeMappings } from './lint';

it('refuses pathological nesting with a parse error instead of exhausting the stack', () => {
  const deepList = '['.repeat(100_000) + ']'.repeat(100_000);
  const deepObject = '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000);
  const r = parseJson(deepList);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.message).toContain(`Nested deeper than ${MAX_JSON_DEPTH} levels`);
  for (const text of [deepList, deepObject]) {
    expect(() => lintRunConfig(text)).not.toThrow();
    expect(() => lintExecConfig(text)).not.toThrow();
    expect(() => lintVolumeMappings(text)).not.toThrow();
  }
});
