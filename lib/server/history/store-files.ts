import 'server-only';
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** The history store's files in its data dir: the database and the writer lock. */
export const HISTORY_FILE = 'history.sqlite';
export const LOCK_FILE = 'history.lock';

/**
 * Creates `file` (empty: a valid empty SQLite database) 0600 before SQLite
 * opens it, or makes an existing one 0600. SQLite creates the -wal, -shm and
 * -journal files with the mode of their database file (unix VFS
 * findCreateFileMode), so none of them is ever readable by others.
 */
export function createPrivate(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  fs.chmodSync(file, 0o600);
  // Side files left by an older version or another umask.
  for (const side of ['-wal', '-shm', '-journal']) {
    try {
      fs.chmodSync(/*turbopackIgnore: true*/ `${file}${side}`, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

/**
 * Takes the writer lock of a data dir: an exclusive SQLite lock on `file`, held
 * until close() or the end of the process (the kernel releases it on kill -9).
 */
export function tryTakeWriterLock(file: string): { ok: true; db: Database.Database } | { ok: false; why: string } {
  createPrivate(file);
  const db = new Database(file, { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('journal_mode = DELETE');
    // The first write under locking_mode=EXCLUSIVE takes the lock and keeps it.
    db.exec('CREATE TABLE IF NOT EXISTS writer (pid INTEGER, started TEXT)');
    db.prepare('DELETE FROM writer').run();
    db.prepare('INSERT INTO writer (pid, started) VALUES (?, ?)').run(process.pid, new Date().toISOString());
    return { ok: true, db };
  } catch (err) {
    db.close();
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return { ok: false, why: `${LOCK_FILE} is locked` };
    throw err;
  }
}
