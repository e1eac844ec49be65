import 'server-only';
import { getEnv } from '@/lib/server/env';
import { AppError } from '@/lib/server/errors';
import { HistoryStore } from './store';

/**
 * The one history store of this process (DASHBOARD_DATA_DIR/history.sqlite),
 * opened on first use and kept on globalThis so dev reloads do not open it
 * twice (the second open would lose the writer lock to the first).
 */
const g = globalThis as unknown as { __ksdHistory?: { store: HistoryStore | null; error: string | null } };

export function historyStore(): HistoryStore | null {
  if (g.__ksdHistory) return g.__ksdHistory.store;
  const env = getEnv();
  try {
    const store = new HistoryStore(env.DASHBOARD_HISTORY_DIR ?? env.DASHBOARD_DATA_DIR, {
      maxDays: env.DASHBOARD_HISTORY_DAYS,
      maxBytes: env.DASHBOARD_HISTORY_MAX_MB * 1024 * 1024,
    });
    if (store.readOnlyReason) console.warn(`[history] ${store.readOnlyReason}`);
    g.__ksdHistory = { store, error: null };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    console.error(`[history] cannot open the history store in ${env.DASHBOARD_HISTORY_DIR ?? env.DASHBOARD_DATA_DIR}: ${why}`);
    g.__ksdHistory = { store: null, error: why };
  }
  return g.__ksdHistory.store;
}

/** The store, or a 503 saying why there is none. */
export function requireHistoryStore(): HistoryStore {
  const store = historyStore();
  if (!store) throw new AppError('config_error', `History is unavailable: ${g.__ksdHistory?.error ?? 'the store did not open'}`);
  return store;
}

/** For tests: close and forget the store of this process. */
export function closeHistoryStore(): void {
  g.__ksdHistory?.store?.close();
  delete g.__ksdHistory;
}
