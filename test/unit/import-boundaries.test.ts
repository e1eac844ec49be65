import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The import-boundary rule of eslint.config.mjs (ARCHITECTURE.md, "Direction of
 * imports"), run through ESLint's own API on the project's config: a wrong-way
 * import fails lint, a right-way one does not. The paths are where the code
 * would live; the files need not exist.
 */
const eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const WRONG_WAY: [string, string][] = [
  ['lib/sysbox/wrong-way.ts', "import { getEnv } from '@/lib/server/env';\nexport const env = getEnv;\n"],
  ['lib/sysbox/checks/wrong-way.ts', "import { getEnv } from '../../server/env';\nexport const env = getEnv;\n"],
  ['lib/kasm/wrong-way.ts', "import type { HostConfig } from '../server/hosts';\nexport type H = HostConfig;\n"],
  ['lib/kasm/wrong-way.ts', "export { listHosts } from '@/lib/server/hosts';\n"],
  ['lib/client/wrong-way.ts', "import type { HostConfig } from '@/lib/server/hosts';\nexport type H = HostConfig;\n"],
  ['components/ui/wrong-way.tsx', "import { getEnv } from '../../lib/server/env';\nexport const env = getEnv;\n"],
  ['components/wrong-way.tsx', "import * as server from '@/lib/server';\nexport const s = server;\n"],
];

const RIGHT_WAY: [string, string][] = [
  ['lib/sysbox/right-way.ts', "import { SYSBOX_DOCS } from '@/lib/sysbox/docs';\nexport const d = SYSBOX_DOCS;\n"],
  ['lib/kasm/right-way.ts', "import type { Finding } from '../sysbox/findings';\nexport type F = Finding;\n"],
  ['components/ui/right-way.tsx', "import { serverish } from '@/lib/client/server-state';\nexport const s = serverish;\n"],
  // The server room and the routes may import it.
  ['lib/server/right-way.ts', "import { getEnv } from '@/lib/server/env';\nexport const env = getEnv;\n"],
  ['app/api/right-way/route.ts', "import { getEnv } from '@/lib/server/env';\nexport const env = getEnv;\n"],
];

describe('import boundaries (eslint.config.mjs no-restricted-imports)', () => {
  // Loading the project's config and parsers once takes seconds on a busy machine:
  // done here, with its own bound, so no single case waits for it.
  beforeAll(async () => {
    await eslint.lintText('export {};\n', { filePath: 'lib/sysbox/warm-up.ts' });
  }, 120_000);

  it.each(WRONG_WAY)('%s: a wrong-way import into lib/server fails lint', async (filePath, code) => {
    const errors = await boundaryErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('lib/server is server-only');
  });

  it.each(RIGHT_WAY)('%s: a right-way import passes', async (filePath, code) => {
    expect(await boundaryErrors(filePath, code)).toEqual([]);
  });
});
