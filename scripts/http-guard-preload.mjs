// `node --import ./scripts/http-guard-preload.mjs node_modules/next/dist/bin/next start`
// (what scripts/start.mjs runs): applies scripts/http-guard.mjs to every HTTP
// server created in this process, i.e. the one `next start` creates inside Next.js.
import http from 'node:http';
import { applyHttpGuard } from './http-guard.mjs';

const createServer = http.createServer;
http.createServer = function createGuardedServer(...args) {
  return applyHttpGuard(createServer.apply(this, args));
};
