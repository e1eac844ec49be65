import type { TestProject } from 'vitest/node';
// eslint-disable-next-line @typescript-eslint/ban-ts-comment
// @ts-ignore -- plain ESM harness shared with the npm scripts
import { startSandbox, stopSandbox } from '../../scripts/sandbox-lib.mjs';
import type { Sandbox } from '../support/sandbox.d.mts';

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
