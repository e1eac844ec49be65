// Validates the environment with the app's own env module before Next.js starts.
// Prints the validated PORT and HOSTNAME as JSON on success; exits 1 naming
// every invalid variable otherwise.
import { EnvError, parseEnv } from '../lib/server/env';

try {
  const env = parseEnv(process.env);
  process.stdout.write(JSON.stringify({ PORT: env.PORT, HOSTNAME: env.HOSTNAME }));
} catch (err) {
  if (err instanceof EnvError) {
    console.error(`kasm-sysbox-dashboard: cannot start.\n${err.message}\nSee README.md, "Configuration".`);
    process.exit(1);
  }
  throw err;
}
