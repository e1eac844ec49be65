/**
 * Store size after N records (default 10,000): fills a fresh history store in
 * a temp folder with failure records shaped like real ones (a full Sysbox
 * State.Error each, the heaviest kind) and prints the sizes as JSON.
 * Run: node --conditions=react-server --import tsx bench/history-size.ts [N]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HistoryStore } from '@/lib/server/history/store';
import { classifyFailure } from '@/lib/sysbox/history';

const n = Number(process.argv[2] ?? 10_000);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksd-history-size-'));
const error =
  'failed to create shim task: OCI runtime create failed: failed to register with sysbox-mgr: failed to invoke Register via grpc: rpc error: code = Unavailable desc = all SubConns are in TransientFailure, latest connection error: connection error: desc = "transport: Error while dialing dial unix /run/sysbox/sysmgr.sock: connect: connection refused": unknown';
const store = new HistoryStore(dir, { maxDays: 30, maxBytes: 50 * 1024 * 1024 });
const t0 = performance.now();
const start = Date.now() - n * 1000;
for (let i = 0; i < n; i++) {
  const { reason, explanation } = classifyFailure({ error, oomKilled: false, exitCode: 128, inspected: true });
  store.insertFailure({
    host: 'local',
    at: new Date(start + i * 1000).toISOString(),
    container: { id: i.toString(16).padStart(64, 'a'), name: `user${i % 50}_${i.toString(16).padStart(8, '0')}` },
    image: `kasmweb/core-ubuntu-jammy:1.16.${i % 5}`,
    kasm: { sessionId: i.toString(16).padStart(32, '0'), user: `user${i % 50}` },
    runtime: 'sysbox-runc',
    exitCode: 128,
    oomKilled: false,
    error,
    startedAt: null,
    livedMs: null,
    inspected: true,
    reason,
    explanation,
    finding: { id: 'sysbox.error', severity: 'error', message: `Last start failed: ${explanation.meaning} Docker said: ${error}`, fix: explanation.fix ?? undefined },
    removedAt: new Date(start + i * 1000 + 3000).toISOString(),
  });
}
const insertMs = performance.now() - t0;
const result = { records: store.count(), dataBytes: store.dataBytes(), fileBytes: store.fileBytes(), insertMs: Math.round(insertMs), perRecordBytes: Math.round(store.dataBytes() / n) };
store.close();
fs.rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(result));
