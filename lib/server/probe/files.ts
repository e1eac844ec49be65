import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { FileRead, Probe } from '@/lib/sysbox/snapshot';
import { describeFsError } from '../errors';

/** The one file-system describer lives in lib/server/errors.ts; re-exported for the probes that import it from here. */
export { describeFsError };

/** `rel` resolved under `base`; refuses to leave it. */
export function under(base: string, rel: string): string {
  const p = path.resolve(base, rel.replace(/^\/+/, ''));
  if (p !== base && !p.startsWith(base.endsWith('/') ? base : `${base}/`)) throw new Error(`path escapes ${base}: ${rel}`);
  return p;
}

const MAX_FILE_BYTES = 4 * 1024 * 1024;
const READ_CHUNK = 64 * 1024;

export async function readFileAt(base: string, rel: string, maxBytes = MAX_FILE_BYTES): Promise<FileRead> {
  try {
    const p = under(base, rel);
    const fh = await fs.open(p, 'r');
    try {
      // Small chunks: /proc/sys answers ENOMEM to a read of several MiB.
      const chunks: Buffer[] = [];
      let total = 0;
      for (;;) {
        const chunk = Buffer.alloc(READ_CHUNK);
        const { bytesRead } = await fh.read(chunk, 0, READ_CHUNK, null);
        if (bytesRead === 0) break;
        chunks.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
        if (total > maxBytes) return { state: 'error', reason: `larger than ${maxBytes} bytes` };
      }
      return { state: 'ok', text: Buffer.concat(chunks).toString('utf8') };
    } finally {
      await fh.close();
    }
  } catch (err) {
    if (err && typeof err === 'object' && (err as { code?: unknown }).code === 'ENOENT') return { state: 'missing' };
    return { state: 'error', reason: describeFsError(err) };
  }
}

/** Whether a path exists (as FileRead: "ok" with empty text = it exists). */
export async function existsAt(base: string, rel: string): Promise<FileRead> {
  try {
    await fs.stat(under(base, rel));
    return { state: 'ok', text: '' };
  } catch (err) {
    if (err && typeof err === 'object' && (err as { code?: unknown }).code === 'ENOENT') return { state: 'missing' };
    return { state: 'error', reason: describeFsError(err) };
  }
}

/** Whether a regular file exists. */
export async function isFileAt(base: string, rel: string): Promise<Probe<boolean>> {
  try {
    const st = await fs.stat(under(base, rel));
    return { ok: true, value: st.isFile() };
  } catch (err) {
    if (err && typeof err === 'object' && (err as { code?: unknown }).code === 'ENOENT') return { ok: true, value: false };
    return { ok: false, reason: describeFsError(err) };
  }
}
