import type { TestProject } from 'vitest/node';
import { startSandbox, stopSandbox, type Sandbox } from '../../tools/sandbox/sandbox-lib.mjs';

/**
 * Starts (or reuses, when `npm test` already started it) the real sandbox
 * dockerd `it`, configured like a Sysbox host, and hands its details to tests.
 */
export default async function setup(project: TestProject) {
  const sandbox = (await startSandbox('it')) as Sandbox;
  project.provide('sandbox', sandbox);
  return async () => {
    if (sandbox.started) await stopSandbox('it');
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    sandbox: Sandbox;
  }
}
