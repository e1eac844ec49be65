// Server-level protections that need Node's http.Server itself (README "Security").
//
// Wiring: ONE call on the server that serves the app, before it listens:
//     import { applyHttpGuard } from './http-guard.mjs';
//     applyHttpGuard(server);
// scripts/standalone-server.cjs (what `npm start`, the image and the systemd
// unit run) makes that call on the server it creates; a bare `next start`
// gets it from instrumentation.ts right after it listens (idempotent).
//
// What it does, for every request, before Next.js sees it:
// 1. Timeouts: headers must arrive within 10 s, a whole request within 30 s, an
//    idle keep-alive socket is closed after 5 s (Node's defaults are 60 s /
//    300 s), so slow headers or a stalled body cannot hold sockets for long.
// 2. A request WITHOUT credentials (no Authorization header, no session cookie)
//    that declares a body is answered at once, without reading the body:
//    401, or 413 on the sign-in call when its body is over 4 KiB. The
//    connection is closed. (Next's proxy would otherwise buffer up to
//    `proxyClientMaxBodySize` and wait for the whole body first.)
//    A body of unknown length (Transfer-Encoding: chunked) is refused with 411
//    from anyone: Next's proxy silently cuts a body at `proxyClientMaxBodySize`
//    (next/dist/server/body-streams.js), so the API's own limit could only see
//    a declared Content-Length. Browsers and curl send one.
// 3. The socket's peer address is passed to the app in the `x-ksd-peer`
//    request header (a client-sent one is dropped), so the login limit and the
//    trusted-proxy rule (lib/server/auth/client-address.ts) see the real peer.
//    The app trusts that header only when this guard runs in its process
//    (globalThis[Symbol.for('kasm-sysbox-dashboard.http-guard')]).
// Plain ESM with no dependencies and no configuration, so any start script can import it.

export const GUARD_MARK = Symbol.for('kasm-sysbox-dashboard.http-guard');
export const PEER_HEADER = 'x-ksd-peer';
export const TIMEOUTS = Object.freeze({ headersTimeout: 10_000, requestTimeout: 30_000, keepAliveTimeout: 5_000 });
/** Public routes that take a body without credentials, with their largest body in bytes. */
export const OPEN_BODY_LIMITS = new Map([['/api/auth/login', 4096]]);
const SESSION_COOKIE = 'ksd_session';

function carriesCredentials(headers) {
  if (typeof headers.authorization === 'string' && headers.authorization !== '') return true;
  const cookie = typeof headers.cookie === 'string' ? headers.cookie : '';
  return cookie.split(';').some((c) => c.trim().startsWith(`${SESSION_COOKIE}=`) && c.trim().length > SESSION_COOKIE.length + 1);
}

/** The declared body length: a number, 'chunked' (unknown length, or a malformed Content-Length), or 0 for none. */
function declaredBody(headers) {
  if (headers['transfer-encoding'] !== undefined) return 'chunked';
  const len = headers['content-length'];
  if (len === undefined) return 0;
  const n = Number(len);
  return Number.isFinite(n) && n >= 0 ? n : 'chunked';
}

/** How long a refused request's connection may go on sending its body (read and thrown away) before it is cut. */
const LINGER_MS = 2000;

/**
 * A lingering close (as nginx's lingering_close): the answer goes out with
 * Connection: close and a FIN, then whatever body the client is still sending
 * is read and thrown away (never buffered) for at most LINGER_MS before the
 * socket is destroyed. Destroying it at once, with body bytes unread, makes the
 * kernel send a reset that can reach the client before it has read the answer,
 * so it would see a reset instead of the 401/413.
 */
function lingerOnClose(req) {
  const socket = req.socket;
  if (!socket) return;
  req.resume();
  // Node's server calls destroySoon() on this socket once a Connection: close answer is written.
  socket.destroySoon = function lingeringDestroySoon() {
    this.end();
    setTimeout(() => this.destroy(), LINGER_MS).unref();
  };
}

function refuse(res, status, code, message) {
  if (declaredBody(res.req?.headers ?? {}) !== 0) lingerOnClose(res.req);
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    Connection: 'close',
    'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    ...(status === 401 ? { 'WWW-Authenticate': 'Bearer realm="kasm-sysbox-dashboard"' } : {}),
  });
  res.end(body);
}

/**
 * Runs before Next.js for one request. Returns true when it answered the
 * request itself (Next.js must not see it).
 */
export function guardRequest(req, res) {
  req.headers[PEER_HEADER] = req.socket?.remoteAddress ?? '';
  const body = declaredBody(req.headers);
  if (body === 'chunked') {
    refuse(res, 411, 'length_required', 'Send the request body with a Content-Length');
    return true;
  }
  if (body === 0 || carriesCredentials(req.headers)) return false;
  const path = (req.url ?? '').split('?')[0];
  const limit = OPEN_BODY_LIMITS.get(path);
  if (limit === undefined) {
    refuse(res, 401, 'unauthorized', 'Sign in, or send Authorization: Bearer <DASHBOARD_API_TOKEN>, before sending a request body');
  } else if (body > limit) {
    refuse(res, 413, 'payload_too_large', `Request body is larger than ${Math.round(limit / 1024)} KiB`);
  } else {
    return false;
  }
  return true;
}

/** Applies the guard to `server` (idempotent); returns the server. */
export function applyHttpGuard(server) {
  if (server[GUARD_MARK]) return server;
  server[GUARD_MARK] = true;
  server.headersTimeout = TIMEOUTS.headersTimeout;
  server.requestTimeout = TIMEOUTS.requestTimeout;
  server.keepAliveTimeout = TIMEOUTS.keepAliveTimeout;
  const emit = server.emit;
  server.emit = function guardedEmit(event, ...args) {
    if ((event === 'request' || event === 'checkContinue') && guardRequest(args[0], args[1])) return true;
    return emit.call(this, event, ...args);
  };
  // `Expect: 100-continue`: with a listener here Node asks before telling the
  // client to send its body, so the guard above decides first.
  server.on('checkContinue', (req, res) => {
    res.writeContinue();
    emit.call(server, 'request', req, res);
  });
  globalThis[GUARD_MARK] = true;
  return server;
}
