// TLS material for a sandbox dockerd (or a stand-in server) on tcp://127.0.0.1.
// Re-exported by tools/sandbox/sandbox-lib.mjs.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensurePackages } from './packages.mjs';

/**
 * Test TLS material for a dockerd on tcp://127.0.0.1: a CA, a server
 * certificate for IP 127.0.0.1 and a client certificate (openssl CLI).
 * Returns { ca, serverCert, serverKey, cert, key } file paths.
 */
export function makeTlsMaterial(dir) {
  ensurePackages([{ pkg: 'openssl', bin: '/usr/bin/openssl' }]);
  const d = path.join(dir, 'tls');
  fs.mkdirSync(d, { recursive: true, mode: 0o700 });
  const f = (n) => path.join(d, n);
  const ssl = (args) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  if (!fs.existsSync(f('key.pem'))) {
    ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=ksd-test-ca', '-keyout', f('ca-key.pem'), '-out', f('ca.pem')]);
    ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', f('server-key.pem'), '-out', f('server.csr')]);
    fs.writeFileSync(f('server-ext.cnf'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    ssl(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-days', '2', '-extfile', f('server-ext.cnf'), '-out', f('server-cert.pem')]);
    ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=ksd-test-client', '-keyout', f('key.pem'), '-out', f('client.csr')]);
    fs.writeFileSync(f('client-ext.cnf'), 'extendedKeyUsage=clientAuth\n');
    ssl(['x509', '-req', '-in', f('client.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca-key.pem'), '-CAcreateserial', '-days', '2', '-extfile', f('client-ext.cnf'), '-out', f('cert.pem')]);
  }
  return { dir: d, ca: f('ca.pem'), serverCert: f('server-cert.pem'), serverKey: f('server-key.pem'), cert: f('cert.pem'), key: f('key.pem') };
}
