// Types of tools/sandbox/sandbox-lib.mjs (plain ESM so that the npm scripts,
// the bench and the tests share one harness without a build step).
/** A started (or reused) sandbox daemon: its paths, pid and the sysbox subuid start. */
export interface Sandbox extends SandboxPaths {
  name: string;
  pid: number;
  started: boolean;
  subuidStart: number | null;
  tls?: TlsMaterial | null;
  tcp?: string | null;
}

export interface TlsMaterial {
  dir: string;
  ca: string;
  cert: string;
  key: string;
  serverCert: string;
  serverKey: string;
}

/** Where a sandbox daemon `name` lives, under SANDBOX_ROOT/<name>. */
export interface SandboxPaths {
  dir: string;
  socket: string;
  dockerHost: string;
  pidfile: string;
  log: string;
  config: string;
  standin: string;
}

export const SANDBOX_ROOT: string;
export const SUBID_START: number;
export const SUBID_COUNT: number;
export const KASM_IMAGE: string;
export const PLAIN_IMAGE: string;
export const STANDIN_FAIL_ENV: string;
export const STANDIN_FAILURES: Record<'sysbox-mgr-down' | 'sysbox-fs-down', string>;

export function isRoot(): boolean;
export function pidAlive(pid: number): boolean;
export function ensurePackages(pkgs: { pkg: string; bin: string }[]): void;
export function ensureDockerPackages(): void;
export function ensureSysboxUser(): void;
export function sysboxSubidStart(file?: string): number | null;
export function paths(name: string): SandboxPaths;
export function dockerRequest(
  socketPath: string,
  apiPath: string,
  opts?: { method?: string; timeoutMs?: number; body?: string },
): Promise<{ status: number; body: string }>;
export function makeTlsMaterial(dir: string): TlsMaterial;
export function startSandbox(
  name?: string,
  opts?: { extraConfig?: Record<string, unknown>; hosts?: string[]; tlsPort?: number },
): Promise<Sandbox>;
export function stopSandbox(name?: string, opts?: { keep?: boolean }): Promise<void>;
export function sandboxDocker(dockerHost: string, args: string[], opts?: { input?: string; stdio?: unknown }): string;
