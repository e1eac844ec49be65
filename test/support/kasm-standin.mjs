// A STAND-IN Kasm API server for tests (not Kasm): the documented 1.15 read
// side of the Developer API (domain.md §2 "Developer API"), served over HTTPS
// on loopback with a certificate signed by a CA the test makes (openssl),
// which the dashboard trusts through KASM_CA_FILE.
//
// - every call is POST /api/public/<verb> with api_key + api_key_secret in the JSON body;
// - a wrong key: HTTP 401 with {"error_message": ...};
// - a known verb called without what it needs: HTTP 200 with {"error_message": ...} (as Kasm does);
// - any verb other than the four reads: 404 (and it is recorded, so tests can prove none was sent);
// - every object carries extra unknown fields; JSON settings are objects on read (groups: strings).
//
// Its Workspaces: a deterministic sample of the real registry records in
// /work/shared/corpus (shipped as test/fixtures/kasm/registry-sample.jsonl),
// plus admin-edited Sysbox ones. Usable in-process (startKasmStandin) and as a
// CLI for the e2e run: node test/support/kasm-standin.mjs --port N --dir D [--kasm-uid U --kasm-gid G]
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTlsMaterial } from '../../tools/sandbox/sandbox-lib.mjs';

export const STANDIN_API_KEY = 'ksd-standin-key';
// Distinctive, so tests can grep every response and log for it.
export const STANDIN_API_SECRET = 'ksd-standin-SECRET-7f2a9c41d8e6b5';
export const READ_VERBS = ['get_images', 'get_groups', 'get_settings_group', 'get_storage_providers'];

const here = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS_SAMPLE = path.join(here, '..', 'fixtures', 'kasm', 'registry-sample.jsonl');

const hex = (n) => n.toString(16).padStart(32, '0');
const extra = (i) => ({ x_standin_unknown: `extra-${i}`, x_nested: { version: '1.15.0', tags: ['a'] } });

function imageRecord(i, fields) {
  return {
    image_id: hex(0xa000 + i),
    name: fields.image,
    friendly_name: fields.friendly,
    description: `stand-in ${fields.friendly}`,
    enabled: fields.enabled ?? true,
    cores: 2,
    memory: 2768000000,
    require_gpu: fields.require_gpu ?? false,
    gpu_count: fields.gpu_count ?? 0,
    persistent_profile_path: fields.persistent_profile_path ?? null,
    run_config: fields.run_config ?? {},
    exec_config: fields.exec_config ?? {},
    volume_mappings: fields.volume_mappings ?? {},
    launch_config: {},
    docker_registry: 'https://index.docker.io/v1/',
    docker_token: '********',
    image_type: 'Container',
    ...extra(i),
  };
}

const GUIDE_RUN_CONFIG = { runtime: 'sysbox-runc', entrypoint: ['/sbin/init'], user: 0 };
const GUIDE_EXEC = {
  first_launch: {
    user: 'root',
    cmd: "bash -c '/usr/bin/desktop_ready && apt-get update && apt-get install -y sudo && echo \"kasm-user ALL=(ALL) NOPASSWD: ALL\" >> /etc/sudoers'",
  },
};

/** The admin-edited Workspaces: what each one is for is in its friendly name. */
export function editedWorkspaces({ kasmUid, kasmGid }) {
  const vm = (hostPath, bind, uid, gid) => ({ [hostPath]: { bind, mode: 'rw', uid, gid, required: true, skip_check: false } });
  return [
    { friendly: 'Sysbox Jammy (right)', image: 'kasmweb/core-ubuntu-jammy:1.16.0', run_config: GUIDE_RUN_CONFIG, exec_config: GUIDE_EXEC, volume_mappings: vm('/srv/kasm/sysbox/{username}', '/home/kasm-user/shared', kasmUid, kasmGid) },
    { friendly: 'Sysbox without user', image: 'kasmweb/core-debian-bookworm:1.16.0', run_config: { runtime: 'sysbox-runc', entrypoint: ['/sbin/init'] } },
    { friendly: 'Sysbox with GPU', image: 'kasmweb/core-ubuntu-jammy:1.16.0', run_config: GUIDE_RUN_CONFIG, require_gpu: true, gpu_count: 1 },
    { friendly: 'Sysbox persistent profile', image: 'kasmweb/core-ubuntu-focal:1.16.0', run_config: GUIDE_RUN_CONFIG, persistent_profile_path: '/mnt/kasm_profiles/{username}' },
    { friendly: 'Sysbox volume 1000', image: 'kasmweb/core-ubuntu-jammy:1.16.0', run_config: GUIDE_RUN_CONFIG, volume_mappings: vm('/srv/kasm/shared', '/home/kasm-user/shared', 1000, 1000) },
    { friendly: 'Sysbox Rocky with apt-get', image: 'kasmweb/core-rockylinux-9:1.16.0', run_config: GUIDE_RUN_CONFIG, exec_config: GUIDE_EXEC },
    { friendly: 'Plain shared folder', image: 'kasmweb/core-ubuntu-jammy:1.16.0', volume_mappings: vm('/srv/kasm/shared', '/home/kasm-user/shared', 1000, 1000) },
    { friendly: 'Sysbox disabled', image: 'kasmweb/core-ubuntu-jammy:1.16.0', run_config: { runtime: 'sysbox-runc' }, enabled: false },
  ];
}

/** The real registry records the stand-in serves (a fixed sample of the corpus). */
export function corpusWorkspaces(file = CORPUS_SAMPLE) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l))
    .map((r) => ({
      friendly: r.name,
      image: r.image ?? 'unknown/image',
      run_config: r.run_config ?? {},
      exec_config: r.exec_config ?? {},
      volume_mappings: r.volume_mappings ?? {},
    }));
}

export function standinGroups() {
  return [
    { group_id: hex(0xb001), name: 'All Users', priority: 1000, is_system: true, description: 'built in', ...extra(1) },
    // The lowest priority number with a run_config: its run_config is merged into every Workspace.
    { group_id: hex(0xb002), name: 'Sysbox Admins', priority: 10, is_system: false, ...extra(2) },
    // Sets "user" back to 1000 for its members.
    { group_id: hex(0xb003), name: 'Contractors', priority: 50, is_system: false, ...extra(3) },
  ];
}

export function standinSettings(groupId) {
  const s = (name, value, value_type = 'json') => ({ group_setting_id: `${groupId}-${name}`, group_id: groupId, name, value, value_type, description: '', ...extra(9) });
  if (groupId === hex(0xb002)) return [s('run_config', JSON.stringify({ environment: { TZ: 'UTC' } })), s('allow_kasm_sharing', 'false', 'bool')];
  if (groupId === hex(0xb003)) return [s('run_config', JSON.stringify({ user: 1000 })), s('volume_mapping', '{}')];
  return [s('keepalive_expiration', '3600', 'int')];
}

export function standinStorageProviders({ kasmUid, kasmGid }) {
  return [
    {
      storage_provider_id: hex(0xc001),
      name: 'Team S3',
      storage_provider_type: 'S3',
      enabled: true,
      volume_config: { driver: 'rclone', driver_opts: { type: 's3', 's3-provider': 'AWS', 's3-region': 'us-east-1', uid: '1000', gid: '1000', allow_other: 'true' } },
      mount_config: { bind: '/s3', mode: 'rw' },
      ...extra(4),
    },
    {
      storage_provider_id: hex(0xc002),
      name: 'Old Dropbox',
      storage_provider_type: 'Dropbox',
      enabled: false,
      volume_config: { driver: 'rclone', driver_opts: { type: 'dropbox', uid: String(kasmUid), gid: String(kasmGid), allow_other: 'true' } },
      mount_config: { bind: '/dropbox', mode: 'rw' },
      ...extra(5),
    },
  ];
}

export function standinImages(ids, corpusFile) {
  return [...editedWorkspaces(ids), ...corpusWorkspaces(corpusFile)].map((w, i) => imageRecord(i, w));
}

/**
 * Starts the stand-in. Options: port (0 = any), dir (TLS material), kasmUid/kasmGid (the host's
 * kasm-user, for the "right" Workspace), apiKey/apiSecret (what it accepts).
 * Resolves { url, ca, port, calls, close }.
 */
export async function startKasmStandin({ port = 0, dir, kasmUid, kasmGid, apiKey = STANDIN_API_KEY, apiSecret = STANDIN_API_SECRET, corpusFile } = {}) {
  const tls = makeTlsMaterial(dir);
  const calls = [];
  const images = standinImages({ kasmUid, kasmGid }, corpusFile);
  const server = https.createServer({ key: fs.readFileSync(tls.serverKey), cert: fs.readFileSync(tls.serverCert) }, (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const send = (status, body) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      const m = /^\/api\/public\/([a-z_]+)$/.exec(req.url ?? '');
      const verb = m ? m[1] : null;
      calls.push({ method: req.method, path: req.url, verb });
      if (req.method !== 'POST' || !verb || !READ_VERBS.includes(verb)) return send(404, { error_message: 'Not found' });
      let body;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        return send(200, { error_message: 'Invalid request: body is not JSON' });
      }
      if (body.api_key !== apiKey || body.api_key_secret !== apiSecret) return send(401, { error_message: 'Unauthorized access' });
      const ids = { kasmUid, kasmGid };
      switch (verb) {
        case 'get_images':
          return send(200, { images, x_page_info: { total: images.length } });
        case 'get_groups':
          return send(200, { groups: standinGroups(), x_total: 3 });
        case 'get_settings_group': {
          const gid = body.target_group?.group_id;
          if (typeof gid !== 'string') return send(200, { error_message: 'Invalid Request: missing target_group.group_id' });
          return send(200, { settings: standinSettings(gid) });
        }
        case 'get_storage_providers':
          return send(200, { storage_providers: standinStorageProviders(ids) });
      }
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `https://127.0.0.1:${actualPort}`,
    ca: tls.ca,
    port: actualPort,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

// CLI (the e2e run starts it as a Playwright webServer).
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  startKasmStandin({
    port: Number(arg('port') ?? 0),
    dir: arg('dir') ?? '/tmp/ksd-kasm-standin',
    kasmUid: Number(arg('kasm-uid') ?? 1000),
    kasmGid: Number(arg('kasm-gid') ?? 1000),
  }).then((s) => {
    console.log(`kasm stand-in (NOT Kasm) listening on ${s.url}, CA ${s.ca}`);
    const stop = () => s.close().then(() => process.exit(0));
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
