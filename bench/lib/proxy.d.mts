export interface CountingProxy {
  socketPath: string;
  counts(): Record<string, number>;
  calls(key: string): number[];
  reset(): void;
  close(): Promise<void>;
}
export function startCountingProxy(listenPath: string, upstreamSocket: string): Promise<CountingProxy>;
