import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

// The direction of imports (ARCHITECTURE.md): the pure rooms (lib/sysbox,
// lib/kasm) and the browser's (lib/client, components) never import the server
// room (lib/server), not even a type. Two ways of writing the path are caught:
// the `@/` alias, and a relative path that climbs into it (../server from a
// room under lib/, ../../lib/server from components/…). A relative match
// resolves nothing: a folder named `server` inside these rooms would match too.
const SERVER_ROOM = 'lib/server is server-only (Docker, files, secrets): ARCHITECTURE.md, "Direction of imports".';
const NO_SERVER_IMPORTS = [
  'error',
  {
    patterns: [
      { regex: '^@/lib/server(/|$)', message: SERVER_ROOM },
      { regex: '^(\\.\\./)+(lib/)?server(/|$)', message: SERVER_ROOM },
    ],
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'next-env.d.ts', 'test-results/**', 'playwright-report/**', 'bench/**'],
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['lib/sysbox/**', 'lib/kasm/**', 'lib/client/**', 'components/**'],
    rules: { 'no-restricted-imports': NO_SERVER_IMPORTS },
  },
  {
    // CommonJS by design: scripts/standalone-server.cjs becomes the image's server.js.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
];

export default config;
