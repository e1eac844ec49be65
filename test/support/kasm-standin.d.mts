export const STANDIN_API_KEY: string;
export const STANDIN_API_SECRET: string;
export const READ_VERBS: string[];
export const CORPUS_SAMPLE: string;
export interface StandinIds {
  kasmUid: number;
  kasmGid: number;
}
export function corpusWorkspaces(file?: string): { friendly: string; image: string }[];
export function editedWorkspaces(ids: StandinIds): { friendly: string; image: string }[];
export function standinImages(ids: StandinIds, corpusFile?: string): Record<string, unknown>[];
export interface KasmStandin {
  url: string;
  ca: string;
  port: number;
  calls: { method: string | undefined; path: string | undefined; verb: string | null }[];
  close(): Promise<void>;
}
export function startKasmStandin(opts: {
  port?: number;
  dir: string;
  kasmUid: number;
  kasmGid: number;
  apiKey?: string;
  apiSecret?: string;
  corpusFile?: string;
}): Promise<KasmStandin>;
export function standinGroups(): Record<string, unknown>[];
export function standinSettings(groupId: string): Record<string, unknown>[];
export function standinStorageProviders(ids: StandinIds): Record<string, unknown>[];
