// Validates the environment with the app's own env module before Next.js starts.
// Prints the validated PORT and HOSTNAME as JSON on success; exits 1 naming
// every invalid variable otherwise. Also the safe defaults of the Security
// section: it refuses a non-loopback HOSTNAME without an explicit password,
// and on a first start with no password configured it generates one, prints
// it once (stderr) and stores only its salted hash in DASHBOARD_DATA_DIR.
import fs from 'node:fs';
import { EnvError, parseEnv } from '../lib/server/env';
import { HostsFileError, parseHostsFile } from '../lib/server/hosts-file';
import { ensureDataDir } from '../lib/server/auth/data-dir';
import { ensureGeneratedPassword, generatedPasswordBanner, passwordConfigured, readPasswordFile } from '../lib/server/auth/password';
import { isLoopbackHost } from '../lib/server/auth/policy';

function fail(message: string): never {
  console.error(`kasm-sysbox-dashboard: cannot start.\n${message}`);
  process.exit(1);
}

async function main() {
  let env;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    if (err instanceof EnvError) fail(`${err.message}\nSee README.md, "Configuration".`);
    throw err;
  }
  if (env.DASHBOARD_HOSTS_FILE) {
    let text = '';
    try {
      text = fs.readFileSync(env.DASHBOARD_HOSTS_FILE, 'utf8');
    } catch (e) {
      fail(`DASHBOARD_HOSTS_FILE: cannot read ${env.DASHBOARD_HOSTS_FILE} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    try {
      parseHostsFile(text, env.DASHBOARD_HOSTS_FILE);
    } catch (e) {
      if (e instanceof HostsFileError) fail(`${e.message}\nSee README.md, "Several agents".`);
      throw e;
    }
  }
  // The bind rule is enforced again inside the server (instrumentation-node.ts,
  // lib/server/bind-check.ts) on the sockets it really listens on; that one
  // covers a bare `next start`. This early check is kept on purpose, not a
  // duplicate: it runs on HOSTNAME before `npm start` builds (minutes) and
  // before a password is generated and printed below for a server that would
  // then refuse to serve, and no socket is ever opened beyond loopback.
  // (ARCHITECTURE.md, "Repeats kept on purpose".)
  if (!isLoopbackHost(env.HOSTNAME) && !passwordConfigured(env)) {
    fail(
      [
        `HOSTNAME=${env.HOSTNAME} would let other machines reach this dashboard, which reads the Docker`,
        'socket (root-equivalent), but no admin password is configured.',
        'Set one before binding beyond 127.0.0.1, e.g.:',
        '  DASHBOARD_PASSWORD="$(openssl rand -base64 24)" HOSTNAME=0.0.0.0 npm start',
        'or put it in a file readable only by this user and set DASHBOARD_PASSWORD_FILE=/path/to/file.',
        'Better still: keep HOSTNAME=127.0.0.1 and put a TLS reverse proxy in front (README.md, "Security").',
      ].join('\n'),
    );
  }
  if (env.DASHBOARD_PASSWORD_FILE !== undefined) {
    try {
      readPasswordFile(env.DASHBOARD_PASSWORD_FILE);
    } catch (err) {
      fail(`DASHBOARD_PASSWORD_FILE: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  try {
    ensureDataDir(env.DASHBOARD_DATA_DIR);
  } catch (err) {
    fail(`DASHBOARD_DATA_DIR: cannot create ${env.DASHBOARD_DATA_DIR} (${err instanceof Error ? err.message : String(err)})`);
  }
  const generated = await ensureGeneratedPassword(env);
  if (generated !== null) console.error(generatedPasswordBanner(generated, env.DASHBOARD_DATA_DIR));
  process.stdout.write(JSON.stringify({ PORT: env.PORT, HOSTNAME: env.HOSTNAME }));
}

main().catch((err: unknown) => {
  fail(err instanceof Error ? err.message : String(err));
});
