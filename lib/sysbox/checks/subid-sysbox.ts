import { DOCS, check, type Check } from '../check';
import type { KasmUserFact } from '../kasm-user';
import type { HostFiles } from '../snapshot';
import { SYSBOX_SUBID_MIN_COUNT, sysboxEntries } from '../subid';
import type { HostCheck } from './context';
import { HOST_PATHS, NO_FILES, why } from './shared';

/**
 * Exactly one "sysbox:<start>:<count>" line in /etc/subuid and /etc/subgid,
 * same start, count >= 65536 (sysbox-mgr allocates container ID ranges from
 * it: nestybox/sysbox-mgr subidAlloc/subidAlloc.go; sysbox docs/user-guide/troubleshoot.md).
 */
function subidCheck(f: HostFiles | null, kasmUser: KasmUserFact): Check {
  if (!f) return check('subid.sysbox', true, 'unknown', 'Sysbox ID range: unknown', `Cannot read /etc/subuid: ${NO_FILES}.`, [NO_FILES]);
  const files = [
    { path: HOST_PATHS.subuid, read: f.subuid },
    { path: HOST_PATHS.subgid, read: f.subgid },
  ];
  const ev: string[] = [];
  const problems: string[] = [];
  let unknown = false;
  const starts: number[] = [];
  for (const file of files) {
    if (file.read.state === 'error') {
      ev.push(why(file.read, file.path));
      unknown = true;
      continue;
    }
    const entries = file.read.state === 'ok' ? sysboxEntries(file.read.text) : [];
    if (file.read.state === 'missing') ev.push(`${file.path}: file not found`);
    else if (entries.length === 0) ev.push(`${file.path}: no sysbox line`);
    for (const e of entries) ev.push(`${file.path} line ${e.line}: ${e.text}`);
    if (entries.length === 0) problems.push(`${file.path} has no sysbox line`);
    else if (entries.length > 1) problems.push(`${file.path} has ${entries.length} sysbox lines (Sysbox breaks on duplicates)`);
    else if (entries[0]) {
      if (entries[0].count < SYSBOX_SUBID_MIN_COUNT) problems.push(`${file.path}: count ${entries[0].count} is below ${SYSBOX_SUBID_MIN_COUNT}`);
      starts.push(entries[0].start);
    }
  }
  if (starts.length === 2 && starts[0] !== starts[1]) problems.push(`the sysbox start differs: subuid ${starts[0]}, subgid ${starts[1]}`);
  const start = starts[0] ?? null;
  if (problems.length > 0) {
    // With a start on the host, keep it; without one, sysbox-mgr allocates a free range itself
    // when it starts with no sysbox line (the Sysbox installer does the same): never the guide's 296608.
    const fix =
      start !== null
        ? {
            text: `Keep exactly one "sysbox:${start}:${SYSBOX_SUBID_MIN_COUNT}" line in each file (same start in both), then restart Sysbox. Stop Sysbox containers first.`,
            commands: [
              `sudo sed -i '/^sysbox:/d' ${HOST_PATHS.subuid} ${HOST_PATHS.subgid}`,
              `echo 'sysbox:${start}:${SYSBOX_SUBID_MIN_COUNT}' | sudo tee -a ${HOST_PATHS.subuid} ${HOST_PATHS.subgid}`,
              'sudo systemctl restart sysbox',
            ],
          }
        : {
            text: `The Sysbox installer (sysbox-mgr at start) allocates the sysbox range: it adds a "sysbox:<first free id>:${SYSBOX_SUBID_MIN_COUNT}" line to both files when there is none. Remove any broken sysbox lines and restart Sysbox. Stop Sysbox containers first.`,
            commands: [`sudo sed -i '/^sysbox:/d' ${HOST_PATHS.subuid} ${HOST_PATHS.subgid}`, 'sudo systemctl restart sysbox', `grep ^sysbox: ${HOST_PATHS.subuid} ${HOST_PATHS.subgid}`],
          };
    return check('subid.sysbox', true, 'fail', 'The sysbox ID range is wrong', `${problems.join('; ')}.`, ev, { fix, docs: DOCS.sysboxTroubleshoot });
  }
  if (unknown) return check('subid.sysbox', true, 'unknown', 'Sysbox ID range: unknown', 'One of /etc/subuid, /etc/subgid could not be read.', ev);
  return check(
    'subid.sysbox',
    true,
    'pass',
    `Sysbox maps container root to host uid ${start ?? 'unknown'}`,
    `One sysbox line in each file. ${kasmUser.explanation}`,
    ev,
  );
}

export const subidSysboxCheck: HostCheck = { id: 'subid.sysbox', evaluate: (ctx) => subidCheck(ctx.files, ctx.kasmUser) };
