#!/usr/bin/env node
// `npm run sandbox`: starts the same throwaway dockerd the tests use (configured
// like a Sysbox host; its "sysbox-runc" runtime is a stand-in: runc) and a couple
// of example containers, prints the DOCKER_HOST to use, and stops it on Ctrl-C.
import { sandboxDocker, startSandbox, stopSandbox, KASM_IMAGE, PLAIN_IMAGE } from '../tools/sandbox/sandbox-lib.mjs';

const name = process.argv[2] || 'dev';
const s = await startSandbox(name);
const existing = sandboxDocker(s.dockerHost, ['ps', '-aq']).trim();
if (!existing) {
  const run = (args) => sandboxDocker(s.dockerHost, ['run', '-d', '--network', 'none', ...args]);
  run(['--name', 'alice_1a2b3c4d', '--runtime', 'sysbox-runc', '--label', 'kasm.kasmid=1a2b3c4d5e6f', '--label', 'kasm.async_destroy=true', '--entrypoint', '/sbin/init', '--user', '0', KASM_IMAGE]);
  run(['--name', 'bob_9f8e7d6c', '--label', 'kasm.kasmid=9f8e7d6c5b4a', '--user', '1000', KASM_IMAGE]);
  run(['--name', 'kasm_agent', PLAIN_IMAGE]);
}
console.log(`
Sandbox dockerd "${name}" is up (pid ${s.pid}). Its "sysbox-runc" runtime is a STAND-IN (runc), not Sysbox.

  DOCKER_HOST=${s.dockerHost} npm start

Press Ctrl-C to stop it (the folder ${s.dir} is removed).`);
const stop = async () => {
  await stopSandbox(name);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {}, 1 << 30);
