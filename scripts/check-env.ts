// Validates the environment with the app's own env module before Next.js starts.
// Prints the validated PORT and HOSTNAME as JSON on success; exits 1 naming
// every invalid variable otherwise.
import fs from 'node:fs';
import { EnvError, parseEnv } from '../lib/server/env';
import { HostsFileError, parseHostsFile } from '../lib/server/hosts-file';

try {
  const env = parseEnv(process.env);
  if (env.DASHBOARD_HOSTS_FILE) {
    let text: string;
    try {
      text = fs.readFileSync(env.DASHBOARD_HOSTS_FILE, 'utf8');
    } catch (e) {
      throw new EnvError([`DASHBOARD_HOSTS_FILE: cannot read ${env.DASHBOARD_HOSTS_FILE} (${(e as NodeJS.ErrnoException).code ?? 'error'})`]);
    }
    parseHostsFile(text, env.DASHBOARD_HOSTS_FILE);
  }
  process.stdout.write(JSON.stringify({ PORT: env.PORT, HOSTNAME: env.HOSTNAME }));
} catch (err) {
  if (err instanceof EnvError || err instanceof HostsFileError) {
    console.error(`kasm-sysbox-dashboard: cannot start.\n${err.message}\nSee README.md, "Configuration".`);
    process.exit(1);
  }
  throw err;
}
