// Types of scripts/http-guard.mjs (plain ESM so that any start script can import it).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export declare const GUARD_MARK: unique symbol;
export declare const PEER_HEADER: 'x-ksd-peer';
export declare const TIMEOUTS: Readonly<{ headersTimeout: number; requestTimeout: number; keepAliveTimeout: number }>;
export declare const OPEN_BODY_LIMITS: Map<string, number>;
export declare function guardRequest(req: IncomingMessage, res: ServerResponse): boolean;
export declare function applyHttpGuard<T extends Server>(server: T): T;
