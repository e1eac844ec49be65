import { DOCS, check, type Check } from './check';
import { findContainerProblems } from './container-health';
import {
  SYSBOX_ADDRESS_POOLS,
  SYSBOX_BIP,
  SYSBOX_RUNC_PATH,
  isSysboxRuncPath,
  lineOfKey,
  mergeSysboxDaemonJson,
  parseDaemonJson,
  writeDaemonJsonCommands,
  sysboxRuntimeIn,
  type DaemonJsonParse,
} from './daemon-json';
import {
  KERNEL_MIN,
  KERNEL_RECOMMENDED,
  KERNEL_TMPFS_IDMAPPED,
  idShiftMechanism,
  kernelAtLeast,
  kernelFeatures,
  missingIdMapFeatures,
  parseKernelVersion,
  SHIFTFS_DISTROS,
  shiftfsOffered,
  shiftfsState,
  type KernelVersion,
  type ShiftfsState,
} from './kernel';
import { osSupport, parseOsRelease, SYSBOX_PACKAGED } from './os';
import {
  SYSBOX_GUIDE,
  SYSBOX_LATEST,
  compareVersions,
  parseDpkgParagraph,
  parseSysboxVersionOutput,
  type DpkgEntry,
} from './packages';
import { SERVICE_NAMES, describeProcess, installedPath, serviceProcess, type ServiceName } from './services';
import type { FileRead, HostFiles, HostSnapshot, SysboxBinary } from './snapshot';
import { SYSBOX_BINARIES } from './snapshot';
import { SYSBOX_SUBID_MIN_COUNT, sysboxEntries, sysboxRange } from './subid';
import { verdictOf, type HostStatus } from './status';
import { evaluateKasmUser, type KasmUserFact } from './kasm-user';

/** Host-root-relative paths, as the admin knows them. */
export const HOST_PATHS = {
  daemonJson: '/etc/docker/daemon.json',
  osRelease: '/etc/os-release',
  subuid: '/etc/subuid',
  subgid: '/etc/subgid',
  dpkgStatus: '/var/lib/dpkg/status',
} as const;

const NO_FILES = 'this host’s files are not visible to the dashboard (HOST_ROOT)';

function text(r: FileRead | undefined): string | null {
  return r && r.state === 'ok' ? r.text : null;
}

function why(r: FileRead | undefined, what: string): string {
  if (!r) return `${what}: ${NO_FILES}`;
  if (r.state === 'missing') return `${what}: file not found`;
  if (r.state === 'error') return `${what}: could not be read (${r.reason})`;
  return `${what}: read`;
}

function firstLines(s: string, n: number): string[] {
  return s
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(0, n);
}

// ---------------------------------------------------------------- docker.*

function dockerReachable(s: HostSnapshot): Check {
  const fromFile = s.host.configuredBy === 'DASHBOARD_HOSTS_FILE';
  if (s.docker.ok) {
    const v = s.docker.value.version;
    return check('docker.reachable', true, 'pass', 'Docker answers', `Docker ${v.Version} (API ${v.ApiVersion}) at ${s.host.endpoint}.`, [
      `endpoint: ${s.host.endpoint}`,
      `/version: Version ${v.Version}, ApiVersion ${v.ApiVersion}`,
    ]);
  }
  return check(
    'docker.reachable',
    true,
    'fail',
    'Docker is unreachable',
    `The dashboard could not reach Docker at ${s.host.endpoint} (${fromFile ? `docker.host of "${s.host.id}" in DASHBOARD_HOSTS_FILE` : 'DOCKER_HOST'}): ${s.docker.reason}.`,
    [`endpoint: ${s.host.endpoint}`, `error: ${s.docker.reason}`],
    {
      fix: {
        text: fromFile
          ? 'Start Docker on that host, or correct its docker.host in the hosts file (DASHBOARD_HOSTS_FILE; re-read when it changes).'
          : 'Start Docker, or point DOCKER_HOST at the right socket and restart the dashboard.',
        commands: ['sudo systemctl status docker', 'sudo systemctl start docker'],
      },
    },
  );
}

function dockerRootless(s: HostSnapshot): Check {
  if (!s.docker.ok) {
    return check('docker.rootless', true, 'unknown', 'Rootless Docker: unknown', 'Docker did not answer, so its security options are unknown.', [
      `Docker: ${s.docker.reason}`,
    ]);
  }
  const opts = s.docker.value.info.SecurityOptions ?? [];
  const ev = [`/info SecurityOptions: ${opts.length ? opts.join(', ') : '(none)'}`];
  if (opts.some((o) => o.split(',').includes('name=rootless'))) {
    return check('docker.rootless', true, 'fail', 'Docker runs rootless', 'Sysbox does not support rootless Docker.', ev, {
      fix: {
        text: 'Run Sysbox with the regular (rootful) Docker daemon installed from Docker’s or the distro’s packages.',
        commands: ['dockerd-rootless-setuptool.sh uninstall', 'sudo systemctl enable --now docker'],
      },
      docs: DOCS.sysboxInstall,
    });
  }
  return check('docker.rootless', true, 'pass', 'Docker runs as root', 'Docker is not rootless (Sysbox needs a rootful daemon).', ev);
}

function dockerSnap(s: HostSnapshot): Check {
  if (!s.docker.ok) {
    return check('docker.snap', true, 'unknown', 'Snap Docker: unknown', 'Docker did not answer, so its install root is unknown.', [
      `Docker: ${s.docker.reason}`,
    ]);
  }
  const root = s.docker.value.info.DockerRootDir;
  if (!root) {
    return check('docker.snap', true, 'unknown', 'Snap Docker: unknown', '/info did not report DockerRootDir.', ['/info DockerRootDir: (absent)']);
  }
  const ev = [`/info DockerRootDir: ${root}`];
  if (/(^|\/)snap\//.test(root)) {
    return check('docker.snap', true, 'fail', 'Docker is installed as a snap', 'Sysbox does not support a snap-installed Docker.', ev, {
      fix: {
        text: 'Replace the snap with Docker’s .deb packages, then install Sysbox.',
        commands: ['sudo snap remove docker', 'curl -fsSL https://get.docker.com | sudo sh'],
      },
      docs: DOCS.sysboxInstall,
    });
  }
  return check('docker.snap', true, 'pass', 'Docker is not a snap', 'Docker’s data root is not under /snap, so it is not the unsupported snap package.', ev);
}

// ---------------------------------------------------------------- sysbox.*

interface SysboxInstall {
  binaries: Partial<Record<SysboxBinary, boolean | string>>;
  dpkg: DpkgEntry | null;
  dpkgRead: FileRead | undefined;
  version: string | null;
  edition: 'CE' | 'EE' | null;
}

function sysboxInstall(f: HostFiles | null): SysboxInstall {
  const binaries: SysboxInstall['binaries'] = {};
  let dpkg: DpkgEntry | null = null;
  let version: string | null = null;
  let edition: 'CE' | 'EE' | null = null;
  if (!f) return { binaries, dpkg, dpkgRead: undefined, version, edition };
  for (const b of SYSBOX_BINARIES) {
    const p = f.binaries[b];
    binaries[b] = p.ok ? p.value : p.reason;
  }
  const para = text(f.dpkgSysbox);
  if (para) dpkg = parseDpkgParagraph(para);
  if (dpkg?.installed) {
    version = dpkg.version;
    edition = dpkg.package === 'sysbox-ee' ? 'EE' : 'CE';
  }
  const runcOut = f.versions?.ok ? f.versions.value['sysbox-runc'] : undefined;
  if (runcOut) {
    const parsed = parseSysboxVersionOutput(runcOut);
    version = parsed.version ?? version;
    edition = parsed.edition ?? edition;
  }
  return { binaries, dpkg, dpkgRead: f.dpkgSysbox, version, edition };
}

function sysboxInstalled(s: HostSnapshot, inst: SysboxInstall): Check {
  const f = s.files;
  if (!f) {
    return check('sysbox.installed', true, 'unknown', 'Sysbox installation: unknown', `Cannot look for the Sysbox binaries: ${NO_FILES}.`, [NO_FILES]);
  }
  const ev: string[] = [];
  const missing: string[] = [];
  const unreadable: string[] = [];
  for (const b of SYSBOX_BINARIES) {
    const v = inst.binaries[b];
    if (v === true) ev.push(`/usr/bin/${b}: present`);
    else if (v === false) {
      ev.push(`/usr/bin/${b}: not found`);
      missing.push(b);
    } else {
      ev.push(`/usr/bin/${b}: could not be checked (${String(v)})`);
      unreadable.push(b);
    }
  }
  if (inst.dpkg) ev.push(`${HOST_PATHS.dpkgStatus}: Package ${inst.dpkg.package}, Version ${inst.dpkg.version ?? '?'}, Status ${inst.dpkg.status ?? '?'}`);
  else if (f.dpkgSysbox.state === 'ok') ev.push(`${HOST_PATHS.dpkgStatus}: no sysbox-ce or sysbox-ee entry`);
  else ev.push(why(f.dpkgSysbox, HOST_PATHS.dpkgStatus));
  if (f.versions?.ok) {
    for (const [b, out] of Object.entries(f.versions.value)) ev.push(`${b} --version: ${firstLines(out, 3).join(' | ')}`);
  } else if (f.versions) ev.push(`--version: ${f.versions.reason}`);

  const installFix = {
    text: `Install Sysbox CE ${SYSBOX_LATEST} (the guide uses ${SYSBOX_GUIDE}) from its .deb package. The installer restarts Docker: stop running containers first.`,
    commands: [
      `wget https://downloads.nestybox.com/sysbox/releases/v${SYSBOX_LATEST}/sysbox-ce_${SYSBOX_LATEST}-0.linux_amd64.deb`,
      'sudo apt-get install -y jq',
      `sudo apt-get install -y ./sysbox-ce_${SYSBOX_LATEST}-0.linux_amd64.deb`,
    ],
  };
  if (missing.length > 0) {
    return check(
      'sysbox.installed',
      true,
      'fail',
      'Sysbox is not installed',
      `Missing: ${missing.map((b) => `/usr/bin/${b}`).join(', ')}.`,
      ev,
      { fix: installFix, docs: DOCS.sysboxInstall },
    );
  }
  if (unreadable.length > 0) {
    return check('sysbox.installed', true, 'unknown', 'Sysbox installation: unknown', `Could not check ${unreadable.join(', ')}.`, ev, {
      docs: DOCS.sysboxInstall,
    });
  }
  if (!inst.version) {
    return check(
      'sysbox.installed',
      true,
      'warn',
      'Sysbox binaries found, version unknown',
      'The binaries are there but no installed sysbox-ce/sysbox-ee package says which version they are.',
      ev,
      { fix: installFix, docs: DOCS.sysboxReleases },
    );
  }
  const vsGuide = compareVersions(inst.version, SYSBOX_GUIDE);
  const vsLatest = compareVersions(inst.version, SYSBOX_LATEST);
  const label = `Sysbox ${inst.edition ?? ''} ${inst.version}`.replace(/\s+/g, ' ');
  if (vsGuide !== null && vsGuide < 0) {
    return check('sysbox.installed', true, 'warn', `${label} is older than the guide’s ${SYSBOX_GUIDE}`, `Upgrade to ${SYSBOX_LATEST}.`, ev, {
      fix: installFix,
      docs: DOCS.sysboxReleases,
    });
  }
  const note =
    vsLatest !== null && vsLatest < 0 ? ` A newer release, ${SYSBOX_LATEST}, exists.` : vsLatest === 0 ? ' This is the latest release.' : '';
  return check('sysbox.installed', true, 'pass', `${label} is installed`, `All three binaries are present.${note}`, ev, { docs: DOCS.sysboxReleases });
}

function daemonJsonParse(f: HostFiles | null): DaemonJsonParse | null {
  const t = text(f?.daemonJson);
  return t === null ? null : parseDaemonJson(t);
}

function sysboxRuntime(s: HostSnapshot, inst: SysboxInstall, parsed: DaemonJsonParse | null): Check {
  const f = s.files;
  const merged = mergeSysboxDaemonJson(text(f?.daemonJson));
  const inFile = parsed?.ok ? sysboxRuntimeIn(parsed.value) : null;
  const ev: string[] = [];
  if (parsed?.ok) ev.push(`${HOST_PATHS.daemonJson}: ${inFile ? `runtimes.sysbox-runc.path = ${inFile.path ?? '(none)'}` : 'no sysbox-runc runtime'}`);
  else if (parsed && !parsed.ok) ev.push(`${HOST_PATHS.daemonJson}: not valid JSON`);
  else ev.push(why(f?.daemonJson, HOST_PATHS.daemonJson));

  if (!s.docker.ok) {
    ev.unshift(`Docker: ${s.docker.reason}`);
    return check(
      'sysbox.runtime',
      true,
      'unknown',
      'sysbox-runc runtime: unknown',
      inFile ? 'daemon.json registers sysbox-runc, but Docker did not answer to confirm it is loaded.' : 'Docker did not answer, so its runtimes are unknown.',
      ev,
    );
  }
  const runtimes = s.docker.value.info.Runtimes ?? {};
  const registered = runtimes['sysbox-runc'];
  ev.unshift(`/info Runtimes: ${Object.entries(runtimes).map(([n, r]) => `${n} → ${r.path ?? '?'}`).join(', ') || '(none)'}`);
  ev.push(`/info DefaultRuntime: ${s.docker.value.info.DefaultRuntime ?? '(not reported)'}`);
  if (!registered) {
    if (inFile) {
      return check(
        'sysbox.runtime',
        true,
        'warn',
        'sysbox-runc is in daemon.json but Docker has not loaded it',
        'Docker reads daemon.json at start and on reload: reload it (SIGHUP keeps containers running) to register sysbox-runc.',
        ev,
        { fix: { text: 'Reload Docker’s configuration (running containers keep running).', commands: ['sudo systemctl reload docker'] } },
      );
    }
    return check(
      'sysbox.runtime',
      true,
      'fail',
      'sysbox-runc is not registered with Docker',
      'Neither Docker’s /info nor daemon.json has the sysbox-runc runtime, so Workspaces with "runtime": "sysbox-runc" fail to start.',
      ev,
      {
        fix: {
          text: `Install Sysbox (its installer registers the runtime), or write the recommended ${HOST_PATHS.daemonJson} and restart Docker.`,
          commands: [...writeDaemonJsonCommands(merged.text, f?.daemonJson.state === 'ok'), 'sudo systemctl restart docker'],
          json: merged.text,
        },
        docs: DOCS.sysboxInstall,
      },
    );
  }
  const path = registered.path ?? '';
  const binaryPresent = inst.binaries['sysbox-runc'];
  if (!isSysboxRuncPath(path)) {
    return check(
      'sysbox.runtime',
      true,
      'warn',
      'sysbox-runc points at something that is not the Sysbox binary',
      `Docker registers sysbox-runc at ${path || '(no path)'}, not at ${SYSBOX_RUNC_PATH}: a runtime name alone does not make this Sysbox.`,
      ev,
      {
        fix: {
          text: `Point the runtime at the installed Sysbox binary in ${HOST_PATHS.daemonJson}, then reload Docker.`,
          commands: [...writeDaemonJsonCommands(merged.text, f?.daemonJson.state === 'ok'), 'sudo systemctl reload docker'],
          json: merged.text,
        },
      },
    );
  }
  if (binaryPresent !== true) {
    return check(
      'sysbox.runtime',
      true,
      binaryPresent === false ? 'warn' : 'unknown',
      binaryPresent === false ? 'sysbox-runc is registered, but its binary is missing' : 'sysbox-runc is registered; its binary could not be checked',
      binaryPresent === false
        ? `Docker registers sysbox-runc at ${path}, but there is no ${SYSBOX_RUNC_PATH} on the host.`
        : `Docker registers sysbox-runc at ${path}; ${typeof binaryPresent === 'string' ? binaryPresent : NO_FILES}.`,
      ev,
      { docs: DOCS.sysboxInstall },
    );
  }
  return check('sysbox.runtime', true, 'pass', 'sysbox-runc is registered with Docker', `Docker runs sysbox-runc from ${path}, the installed Sysbox binary.`, ev);
}

function serviceFacts(f: HostFiles | null): HostStatus['facts']['sysbox']['services'] {
  const none = { running: null, pid: null, startedAt: null, exe: null, executable: null };
  if (!f || !f.processes.ok) return { 'sysbox-mgr': none, 'sysbox-fs': none };
  const procs = f.processes.value;
  const find = (name: ServiceName): HostStatus['facts']['sysbox']['services'][ServiceName] => {
    const sp = serviceProcess(procs, name, f.root);
    if (!sp) return { running: false, pid: null, startedAt: null, exe: null, executable: null };
    const p = sp.main;
    return { running: true, pid: p.pid, startedAt: p.startedAt, exe: p.exe, executable: p.kind };
  };
  return { 'sysbox-mgr': find('sysbox-mgr'), 'sysbox-fs': find('sysbox-fs') };
}

const RESTART_SYSBOX = ['sudo systemctl restart sysbox', 'systemctl status sysbox sysbox-mgr sysbox-fs --no-pager'];

/**
 * Passes only when each service's executable (/proc/<pid>/exe) is the
 * installed binary: a process name proves nothing (issue #11).
 */
function sysboxServices(s: HostSnapshot): Check {
  const f = s.files;
  if (!f) return check('sysbox.services', true, 'unknown', 'Sysbox services: unknown', `Cannot see processes: ${NO_FILES}.`, [NO_FILES]);
  if (!f.processes.ok) {
    return check('sysbox.services', true, 'unknown', 'Sysbox services: unknown', `Could not list processes under ${f.proc}.`, [
      `${f.proc}: ${f.processes.reason}`,
    ]);
  }
  const procs = f.processes.value;
  const found = SERVICE_NAMES.map((name) => ({ name, sp: serviceProcess(procs, name, f.root) }));
  const ev: string[] = [];
  for (const { name, sp } of found) {
    if (!sp) ev.push(`${name}: not found among ${f.proc}/*/comm`);
    else for (const p of [sp.main, ...sp.others]) ev.push(describeProcess(name, p));
  }
  const down = found.filter((x) => !x.sp).map((x) => x.name);
  if (down.length > 0) {
    ev.push(`(${f.proc} must be the host’s /proc: a dashboard in a container needs --pid=host or the host’s /proc as HOST_PROC)`);
    return check(
      'sysbox.services',
      true,
      'fail',
      'Sysbox services are not running',
      `${down.join(' and ')} ${down.length > 1 ? 'are' : 'is'} not running; Sysbox containers cannot start without both.`,
      ev,
      { fix: { text: 'Restart the Sysbox services and check they stay up.', commands: RESTART_SYSBOX }, docs: DOCS.sysboxTroubleshoot },
    );
  }
  const mains = found.flatMap((x) => (x.sp ? [{ name: x.name, p: x.sp.main }] : []));
  const other = mains.filter((m) => m.p.kind === 'other');
  if (other.length > 0) {
    const what = other.map((m) => `a process named ${m.name} (pid ${m.p.pid}) runs ${m.p.exe ?? '?'}, not ${installedPath(m.name)}`).join('; ');
    return check(
      'sysbox.services',
      true,
      'warn',
      'A process carries a Sysbox name but is not the Sysbox binary',
      `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}. A name alone does not make it Sysbox.`,
      ev,
      {
        fix: {
          text: `Find out what ${other.map((m) => m.p.exe ?? m.name).join(' and ')} ${other.length > 1 ? 'are' : 'is'}; if Sysbox is installed, its services run ${other.map((m) => installedPath(m.name)).join(' and ')}.`,
          commands: [...other.map((m) => `ls -l /proc/${m.p.pid}/exe`), ...RESTART_SYSBOX],
        },
        docs: DOCS.sysboxTroubleshoot,
      },
    );
  }
  const replaced = mains.filter((m) => m.p.kind === 'replaced');
  if (replaced.length > 0) {
    const names = replaced.map((m) => m.name).join(' and ');
    return check(
      'sysbox.services',
      true,
      'warn',
      'Sysbox was upgraded: a restart is pending',
      `${names} ${replaced.length > 1 ? 'run' : 'runs'} an executable that was replaced on disk since ${replaced.length > 1 ? 'they' : 'it'} started (an upgrade): the old code runs until the services restart.`,
      ev,
      {
        fix: {
          text: 'Restart Sysbox when no Workspace session is running (running Sysbox containers must be restarted after it).',
          commands: RESTART_SYSBOX,
        },
        docs: DOCS.sysboxTroubleshoot,
      },
    );
  }
  const unreadable = mains.filter((m) => m.p.kind === 'unreadable');
  if (unreadable.length > 0) {
    return check(
      'sysbox.services',
      true,
      'unknown',
      'Sysbox services: executable unknown',
      `Processes named ${unreadable.map((m) => m.name).join(' and ')} run, but their executable could not be read, so they are not known to be Sysbox (run the dashboard as root).`,
      ev,
    );
  }
  return check('sysbox.services', true, 'pass', 'Sysbox services are running', `sysbox-mgr and sysbox-fs are both running from ${installedPath('sysbox-mgr')} and ${installedPath('sysbox-fs')}.`, ev);
}

// ---------------------------------------------------------------- daemon.json

function daemonJsonCheck(f: HostFiles | null, parsed: DaemonJsonParse | null): Check {
  if (!f) return check('daemon-json', true, 'unknown', 'daemon.json: unknown', `Cannot read ${HOST_PATHS.daemonJson}: ${NO_FILES}.`, [NO_FILES]);
  const raw = text(f.daemonJson);
  const merged = mergeSysboxDaemonJson(raw);
  const fix = (t: string) => ({
    text: `${t} Write the recommended ${HOST_PATHS.daemonJson} (it keeps every other key of yours${merged.conflicts.length ? `; note: ${merged.conflicts.join(' ')}` : ''}), then restart Docker (running containers stop unless live-restore is on).`,
    commands: [...writeDaemonJsonCommands(merged.text, f.daemonJson.state === 'ok'), 'sudo systemctl restart docker'],
    json: merged.text,
  });
  if (f.daemonJson.state === 'error') {
    return check('daemon-json', true, 'unknown', 'daemon.json could not be read', why(f.daemonJson, HOST_PATHS.daemonJson), [
      why(f.daemonJson, HOST_PATHS.daemonJson),
    ]);
  }
  if (f.daemonJson.state === 'missing' || raw === null) {
    return check(
      'daemon-json',
      true,
      'warn',
      'There is no daemon.json',
      'The Sysbox installer writes one with the sysbox-runc runtime and network settings that keep Docker-in-Sysbox from overlapping the host’s networks.',
      [`${HOST_PATHS.daemonJson}: file not found`],
      { fix: fix('Create it.') },
    );
  }
  if (!parsed || !parsed.ok) {
    const where = parsed && parsed.line !== null ? `line ${parsed.line}, column ${parsed.column}` : 'an unknown position';
    const badLine = parsed && parsed.line !== null ? raw.split('\n')[parsed.line - 1] : undefined;
    return check(
      'daemon-json',
      true,
      'fail',
      'daemon.json is not valid JSON',
      `Docker refuses to start with this file: ${parsed ? parsed.message : 'invalid JSON'} at ${where}.`,
      [`${HOST_PATHS.daemonJson}: ${parsed ? parsed.message : 'invalid'} (${where})`, ...(badLine !== undefined ? [`line ${parsed?.line}: ${badLine}`] : [])],
      { fix: fix('Fix the syntax error.') },
    );
  }
  const v = parsed.value;
  const ev: string[] = [];
  for (const key of ['runtimes', 'bip', 'default-address-pools', 'userns-remap', 'default-runtime']) {
    if (v[key] !== undefined) ev.push(`line ${lineOfKey(raw, key) ?? '?'}: "${key}": ${JSON.stringify(v[key])}`);
  }
  // Docker started with the later value of a repeated key; the earlier one is silently lost. A warning: the
  // host runs, but not with what the file seems to say.
  if (parsed.duplicates.length > 0) {
    const names = parsed.duplicates.map((d) => `"${d.key}" (lines ${d.first.line} and ${d.line})`).join(', ');
    return check(
      'daemon-json',
      true,
      'warn',
      'daemon.json repeats a key',
      `${names}: Docker uses only the later value of a repeated key and silently drops the earlier one.`,
      [...ev, ...parsed.duplicates.map((d) => `line ${d.line}, column ${d.column}: "${d.key}" again (first at line ${d.first.line})`)],
      { fix: fix('Keep one value per key.') },
    );
  }
  const missing = ['bip', 'default-address-pools'].filter((k) => v[k] === undefined);
  if (missing.length > 0) {
    ev.push(...missing.map((k) => `"${k}": absent`));
    return check(
      'daemon-json',
      true,
      'warn',
      `daemon.json has no ${missing.join(' or ')}`,
      `The Sysbox installer sets "bip": "${SYSBOX_BIP}" and "default-address-pools": ${JSON.stringify(SYSBOX_ADDRESS_POOLS)} so that a Docker daemon inside a Sysbox container (which uses 172.17.0.0/16 itself) does not overlap the host’s networks.`,
      ev,
      { fix: fix('Add them.') },
    );
  }
  return check('daemon-json', true, 'pass', 'daemon.json is valid and sets the Sysbox networks', 'It parses and has bip and default-address-pools.', ev, {
    ...(merged.conflicts.length ? { fix: { text: `Differences from the installer’s values (kept): ${merged.conflicts.join(' ')}`, json: merged.text } } : {}),
  });
}

// ---------------------------------------------------------------- kernel.*

interface KernelFacts {
  version: KernelVersion | null;
  source: string;
  shiftfs: ShiftfsState | null;
}

function kernelFacts(s: HostSnapshot): KernelFacts {
  const f = s.files;
  let version: KernelVersion | null = null;
  let source = 'unknown';
  if (s.docker.ok) {
    version = parseKernelVersion(s.docker.value.info.KernelVersion ?? s.docker.value.version.KernelVersion);
    if (version) source = 'Docker /info KernelVersion';
  }
  if (!version && f) {
    version = parseKernelVersion(text(f.osrelease));
    if (version) source = `${f.proc}/sys/kernel/osrelease`;
  }
  const shiftfs = f
    ? shiftfsState({
        procModules: text(f.procModules),
        procFilesystems: text(f.procFilesystems),
        sysModule: f.sysModuleShiftfs.state === 'ok' ? true : f.sysModuleShiftfs.state === 'missing' ? false : null,
        modulesDep: text(f.modulesDepShiftfs),
      })
    : null;
  return { version, source, shiftfs };
}

function shiftfsEvidence(f: HostFiles | null, state: ShiftfsState | null): string {
  if (!f) return `shiftfs: ${NO_FILES}`;
  return `shiftfs: ${state ?? 'unknown'} (/proc/modules ${f.procModules.state}, /sys/module/shiftfs ${f.sysModuleShiftfs.state === 'ok' ? 'present' : f.sysModuleShiftfs.state})`;
}

function kernelVersionCheck(s: HostSnapshot, k: KernelFacts): Check {
  if (!k.version) {
    return check('kernel.version', true, 'unknown', 'Kernel version unknown', 'Neither Docker nor /proc/sys/kernel/osrelease gave a kernel version.', [
      s.docker.ok ? '/info KernelVersion: unparseable' : `Docker: ${s.docker.reason}`,
      why(s.files?.osrelease, '/proc/sys/kernel/osrelease'),
    ]);
  }
  const v = k.version;
  const ev = [`${k.source}: ${v.raw}`, shiftfsEvidence(s.files, k.shiftfs)];
  const min = `${KERNEL_MIN.major}.${KERNEL_MIN.minor}`;
  const recommended = `${KERNEL_RECOMMENDED.major}.${KERNEL_RECOMMENDED.minor}`;
  if (!kernelAtLeast(v, KERNEL_MIN)) {
    return check(
      'kernel.version',
      true,
      'fail',
      `Kernel ${v.raw} is too old`,
      `${min} is Kasm’s minimum for Sysbox Workspaces (Kasm’s guide; Sysbox’s own floor is lower, but Kasm does not support it there). Kasm recommends ${recommended}.`,
      ev,
      {
        fix: { text: 'Upgrade the kernel (Ubuntu 22.04: the HWE kernel), then reboot.', commands: ['sudo apt-get install -y --install-recommends linux-generic-hwe-22.04', 'sudo reboot'] },
        docs: DOCS.kasmGuide,
      },
    );
  }
  if (!kernelAtLeast(v, KERNEL_TMPFS_IDMAPPED)) {
    const lacks = missingIdMapFeatures(v).join(' and ');
    const osId = parseOsRelease(text(s.files?.osRelease) ?? '').id;
    const offered = shiftfsOffered(osId);
    ev.push(`os-release ID: ${osId ?? 'unknown'} (shiftfs is offered on ${SHIFTFS_DISTROS.join(', ')})`);
    if (k.shiftfs === 'loaded') {
      return check(
        'kernel.version',
        true,
        'pass',
        `Kernel ${v.raw} with shiftfs loaded`,
        `This kernel lacks ${lacks}; below 6.3 Sysbox recommends shiftfs, and it is loaded. Kasm recommends ${recommended}.`,
        ev,
        { docs: DOCS.sysboxDistro },
      );
    }
    if (offered === false) {
      return check(
        'kernel.version',
        true,
        'warn',
        `Kernel ${v.raw} lacks ID-mapped tmpfs, and shiftfs is not offered on ${osId ?? 'this distro'}`,
        `This kernel lacks ${lacks}. Below 6.3 Sysbox recommends shiftfs, which is offered only on Ubuntu, Debian and Flatcar: upgrade the kernel to ${recommended} (Kasm’s recommendation) instead.`,
        ev,
        { fix: { text: `Install a ${recommended} or newer kernel from your distribution, then reboot.`, commands: ['uname -r', 'sudo reboot'] }, docs: DOCS.sysboxDistro },
      );
    }
    return check(
      'kernel.version',
      true,
      'warn',
      `Kernel ${v.raw}: shiftfs is recommended and ${k.shiftfs === null ? 'its state is unknown' : k.shiftfs === 'available' ? 'not loaded' : 'not installed'}`,
      `This kernel lacks ${lacks}. Below 6.3 Sysbox recommends shiftfs (offered on Ubuntu, Debian and Flatcar; Kasm’s guide: “Install shiftfs”), or upgrade to ${recommended}.`,
      ev,
      {
        fix: {
          text: k.shiftfs === 'available' ? 'Load the shiftfs module.' : 'Install shiftfs (Kasm guide, “Install shiftfs”), then reboot.',
          commands:
            k.shiftfs === 'available'
              ? ['sudo modprobe shiftfs', 'echo shiftfs | sudo tee /etc/modules-load.d/shiftfs.conf']
              : [
                  'sudo apt-get update && sudo apt-get install -y make dkms git wget',
                  'git clone -b k5.16 https://github.com/toby63/shiftfs-dkms.git shiftfs-k516',
                  'cd shiftfs-k516 && ./update1 && sudo make -f Makefile.dkms',
                  'modinfo shiftfs',
                ],
        },
        docs: DOCS.kasmGuide,
      },
    );
  }
  const rec = kernelAtLeast(v, KERNEL_RECOMMENDED) ? '' : ` Kasm recommends ${recommended}.`;
  return check(
    'kernel.version',
    true,
    'pass',
    `Kernel ${v.raw} is new enough`,
    `From 6.3 the kernel ID-maps bind mounts (5.12), overlayfs (5.19) and tmpfs (6.3): Sysbox needs no shiftfs.${rec}`,
    ev,
    { docs: DOCS.sysboxDistro },
  );
}

function kernelIdShifting(s: HostSnapshot, k: KernelFacts): { check: Check; kernel: HostStatus['facts']['kernel'] } {
  const unknownKernel: HostStatus['facts']['kernel'] = {
    version: null,
    idMappedMounts: null,
    overlayfsOnIdMapped: null,
    tmpfsIdMapped: null,
    shiftfs: k.shiftfs,
    mechanism: null,
  };
  if (!k.version) {
    return {
      kernel: unknownKernel,
      check: check('kernel.id-shifting', true, 'unknown', 'ID shifting: unknown', 'The kernel version is unknown, so its ID-shifting features are too.', [
        shiftfsEvidence(s.files, k.shiftfs),
      ]),
    };
  }
  const feat = kernelFeatures(k.version);
  const mechanism = idShiftMechanism(feat, k.shiftfs);
  const kernel = { version: k.version.raw, ...feat, shiftfs: k.shiftfs, mechanism };
  const yn = (b: boolean) => (b ? 'yes' : 'no');
  const ev = [
    `kernel ${k.version.raw}`,
    `ID-mapped mounts (≥ 5.12): ${yn(feat.idMappedMounts)}`,
    `overlayfs on ID-mapped mounts (≥ 5.19): ${yn(feat.overlayfsOnIdMapped)}`,
    `ID-mapped tmpfs (≥ 6.3): ${yn(feat.tmpfsIdMapped)}`,
    shiftfsEvidence(s.files, k.shiftfs),
  ];
  const uidNote =
    'Sysbox can ID-map bind mounts whose filesystem supports it (local ext4/xfs/btrfs; not NFS, CIFS or FUSE such as the rclone storage plugin). A folder owned by kasm-user\'s host uid/gid (see the Sysbox ID range check) works without any shifting, on every filesystem.';
  if (mechanism === 'idmapped-mounts' && feat.overlayfsOnIdMapped) {
    return {
      kernel,
      check: check('kernel.id-shifting', true, 'pass', 'Sysbox will shift IDs with ID-mapped mounts', uidNote, ev, { docs: DOCS.sysboxDistro }),
    };
  }
  if (mechanism === 'shiftfs') {
    return {
      kernel,
      check: check('kernel.id-shifting', true, k.shiftfs === 'loaded' ? 'pass' : 'warn', `Sysbox will shift IDs with shiftfs${k.shiftfs === 'loaded' ? '' : ' once it is loaded'}`, uidNote, ev, {
        ...(k.shiftfs === 'loaded' ? {} : { fix: { text: 'Load shiftfs.', commands: ['sudo modprobe shiftfs'] } }),
        docs: DOCS.sysboxDistro,
      }),
    };
  }
  if (mechanism === null) {
    return {
      kernel,
      check: check('kernel.id-shifting', true, 'unknown', 'ID shifting: shiftfs state unknown', 'This kernel needs shiftfs for the container rootfs, and whether it is present could not be read.', ev),
    };
  }
  return {
    kernel,
    check: check(
      'kernel.id-shifting',
      true,
      mechanism === 'none' ? 'fail' : 'warn',
      mechanism === 'none' ? 'The kernel cannot shift IDs' : 'Only partial ID shifting (no overlayfs on ID-mapped mounts, no shiftfs)',
      'Without shiftfs or a 5.19+ kernel Sysbox chowns every image (slow, more disk) and host files in bind mounts appear as nobody unless owned by the mapped uids.',
      ev,
      { fix: { text: 'Upgrade to a 6.5 kernel or install shiftfs.', commands: ['modinfo shiftfs'] }, docs: DOCS.kasmGuide },
    ),
  };
}

function kernelUserns(f: HostFiles | null): Check {
  if (!f) return check('kernel.userns', true, 'unknown', 'User namespaces: unknown', `Cannot read /proc/sys: ${NO_FILES}.`, [NO_FILES]);
  const clone = f.unprivilegedUsernsClone;
  const max = f.maxUserNamespaces;
  const ev = [
    clone.state === 'ok' ? `/proc/sys/kernel/unprivileged_userns_clone = ${clone.text.trim()}` : why(clone, '/proc/sys/kernel/unprivileged_userns_clone'),
    max.state === 'ok' ? `/proc/sys/user/max_user_namespaces = ${max.text.trim()}` : why(max, '/proc/sys/user/max_user_namespaces'),
  ];
  const fix = {
    text: 'Allow user namespaces now and across reboots.',
    commands: [
      'echo 1 | sudo tee /proc/sys/kernel/unprivileged_userns_clone',
      'echo "kernel.unprivileged_userns_clone=1" | sudo tee /etc/sysctl.d/99-sysbox-userns.conf',
      'sudo sysctl -w user.max_user_namespaces=15000',
    ],
  };
  if (clone.state === 'ok' && clone.text.trim() === '0') {
    return check('kernel.userns', true, 'fail', 'Unprivileged user namespaces are disabled', 'Sysbox needs user namespaces; kernel.unprivileged_userns_clone is 0.', ev, { fix });
  }
  if (max.state === 'ok') {
    const n = Number(max.text.trim());
    if (Number.isFinite(n) && n <= 0) {
      return check('kernel.userns', true, 'fail', 'User namespaces are disabled', 'user.max_user_namespaces is 0.', ev, { fix });
    }
  }
  if (clone.state === 'error' || max.state !== 'ok') {
    return check('kernel.userns', true, 'unknown', 'User namespaces: unknown', 'Could not read the kernel’s user-namespace settings.', ev);
  }
  return check('kernel.userns', true, 'pass', 'User namespaces are allowed', 'The kernel lets Sysbox create user namespaces.', ev);
}

// ---------------------------------------------------------------- subid, os

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

function hostOs(s: HostSnapshot): Check {
  const f = s.files;
  const dockerOs = s.docker.ok ? s.docker.value.info.OperatingSystem : undefined;
  const ev = dockerOs ? [`/info OperatingSystem: ${dockerOs}`] : [];
  const raw = text(f?.osRelease);
  if (raw === null) {
    return check('host.os', false, 'unknown', 'Distribution unknown', `Could not read ${HOST_PATHS.osRelease}.`, [...ev, why(f?.osRelease, HOST_PATHS.osRelease)]);
  }
  const os = parseOsRelease(raw);
  ev.unshift(`${HOST_PATHS.osRelease}: ID=${os.id ?? '?'} VERSION_ID=${os.versionId ?? '?'} (${os.prettyName ?? ''})`);
  const support = osSupport(os);
  const list = Object.entries(SYSBOX_PACKAGED)
    .map(([d, vs]) => `${d} ${vs.join('/')}`)
    .join('; ');
  if (support === 'packaged') {
    return check('host.os', false, 'pass', `${os.prettyName ?? os.id} is supported`, 'Sysbox publishes packages for this distribution.', ev, { docs: DOCS.sysboxDistro });
  }
  if (support === 'unknown') {
    return check('host.os', false, 'unknown', 'Distribution unknown', `${HOST_PATHS.osRelease} has no ID.`, ev, { docs: DOCS.sysboxDistro });
  }
  return check('host.os', false, 'warn', `${os.prettyName ?? os.id ?? 'This distribution'} is not on Sysbox’s package list`, `Sysbox packages exist for ${list}. Elsewhere it must be built from source, and Kasm recommends Ubuntu 22.04.`, ev, {
    docs: DOCS.sysboxDistro,
  });
}

// ---------------------------------------------------------------- containers

function containersHealth(s: HostSnapshot, fsStartedAt: string | null, fsRunning: boolean | null): Check {
  if (!s.containers.ok) {
    return check('containers.sysbox-health', false, 'unknown', 'Sysbox containers: unknown', 'Could not list containers.', [`Docker: ${s.containers.reason}`]);
  }
  const all = s.containers.value;
  const sysbox = all.filter((c) => c.runtime === 'sysbox-runc');
  const problems = findContainerProblems(all, fsStartedAt);
  const ev = [`${all.length} containers, ${sysbox.length} with runtime sysbox-runc`];
  if (fsRunning && !fsStartedAt) ev.push('sysbox-fs start time unknown: stale containers cannot be detected');
  for (const p of problems) ev.push(`${p.container.name}: ${p.kind === 'stale' ? p.detail : `${p.detail} State.Error: ${p.container.error ?? ''}`}`);
  if (problems.length > 0) {
    const fixes = [...new Set(problems.map((p) => (p.kind === 'stale' ? 'Recreate the container (end the Kasm session; Kasm launches a new one).' : (p.known?.fix ?? ''))))];
    return check(
      'containers.sysbox-health',
      false,
      'fail',
      `${problems.length} Sysbox container${problems.length > 1 ? 's' : ''} in trouble`,
      problems.map((p) => `${p.container.name}: ${p.kind === 'stale' ? 'stale (started before the current sysbox-fs)' : p.detail}`).join(' '),
      ev,
      { fix: { text: fixes.join(' '), commands: fixes.filter((x) => x.startsWith('sudo ') || x.startsWith('echo ')) }, docs: DOCS.sysboxTroubleshoot },
    );
  }
  if (sysbox.length === 0) {
    return check('containers.sysbox-health', false, 'pass', 'No Sysbox containers yet', 'No container uses the sysbox-runc runtime, so none can be in trouble.', ev);
  }
  return check('containers.sysbox-health', false, 'pass', 'Sysbox containers look healthy', 'None shows a known Sysbox error or predates the current sysbox-fs.', ev);
}

// ---------------------------------------------------------------- all

/** Turns one host snapshot into its checks, verdict and facts. Pure. */
export function evaluateHost(s: HostSnapshot): HostStatus {
  const f = s.files;
  const inst = sysboxInstall(f);
  const parsed = daemonJsonParse(f);
  const services = serviceFacts(f);
  const k = kernelFacts(s);
  const shifting = kernelIdShifting(s, k);
  const kasmUser = evaluateKasmUser({
    subuid: text(f?.subuid),
    subgid: text(f?.subgid),
    liveMaps: s.containers.ok
      ? s.containers.value.flatMap((c) => (c.runtime === 'sysbox-runc' && c.state === 'running' && c.idMap ? [{ name: c.name, uid: c.idMap.uid, gid: c.idMap.gid }] : []))
      : [],
    idMappedMounts: shifting.kernel.idMappedMounts,
  });
  const checks: Check[] = [
    dockerReachable(s),
    dockerRootless(s),
    dockerSnap(s),
    sysboxInstalled(s, inst),
    sysboxRuntime(s, inst, parsed),
    sysboxServices(s),
    daemonJsonCheck(f, parsed),
    kernelVersionCheck(s, k),
    shifting.check,
    kernelUserns(f),
    subidCheck(f, kasmUser),
    hostOs(s),
    containersHealth(s, services['sysbox-fs'].startedAt, services['sysbox-fs'].running),
  ];
  const info = s.docker.ok ? s.docker.value.info : null;
  const daemonRaw = text(f?.daemonJson);
  const daemonJson: HostStatus['facts']['daemonJson'] = { path: HOST_PATHS.daemonJson, raw: daemonRaw };
  if (!f) daemonJson.error = NO_FILES;
  else if (f.daemonJson.state === 'missing') daemonJson.error = 'file not found';
  else if (f.daemonJson.state === 'error') daemonJson.error = f.daemonJson.reason;
  else if (parsed && !parsed.ok) daemonJson.error = `invalid JSON: ${parsed.message}${parsed.line !== null ? ` (line ${parsed.line}, column ${parsed.column})` : ''}`;
  return {
    host: { id: s.host.id, name: s.host.name, endpoint: s.host.endpoint },
    checkedAt: s.takenAt,
    verdict: verdictOf(checks),
    checks,
    facts: {
      docker:
        s.docker.ok && info
          ? {
              version: s.docker.value.version.Version,
              apiVersion: s.docker.value.version.ApiVersion,
              runtimes: Object.fromEntries(Object.entries(info.Runtimes ?? {}).map(([n, r]) => [n, { path: r.path ?? null }])),
              defaultRuntime: info.DefaultRuntime ?? null,
              securityOptions: info.SecurityOptions ?? [],
              kernelVersion: info.KernelVersion ?? s.docker.value.version.KernelVersion ?? null,
              os: info.OperatingSystem ?? null,
            }
          : null,
      sysbox: { version: inst.version, edition: inst.edition, services },
      subid: {
        uid: text(f?.subuid) !== null ? sysboxRange(text(f?.subuid) ?? '') : null,
        gid: text(f?.subgid) !== null ? sysboxRange(text(f?.subgid) ?? '') : null,
      },
      kernel: shifting.kernel,
      daemonJson,
      kasmUser,
    },
  };
}
