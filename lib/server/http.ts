import 'server-only';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { authenticateApiRequest } from './auth/route-auth';
import { isPublicApiPath } from './auth/public-routes';
import { errorResponse } from './error-response';
import { AppError, toAppError, type Issue } from './errors';
import { HOST_ID_RE } from '@/lib/contracts/host-id';
import { parseJsonValue } from '@/lib/kasm/json';

/** The largest JSON body a route reads unless its spec says otherwise. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params?: P;
  query?: Q;
  /** zod schema for a JSON body, or 'text' to receive the raw body as a string. */
  body?: B | 'text';
  maxBodyBytes?: number;
}

export interface RouteInput<P, Q, B> {
  req: NextRequest;
  params: P;
  query: Q;
  body: B;
}

type Handler<P, Q, B> = (input: RouteInput<P, Q, B>) => Promise<unknown> | unknown;

type Ctx = { params: Promise<Record<string, string | string[] | undefined>> };

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.slice(0, 50).map((i) => ({
    path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    message: i.message,
  }));
}

async function readBody(req: NextRequest, limit: number): Promise<string> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    throw new AppError('payload_too_large', `Request body is larger than ${Math.round(limit / 1024)} KiB`);
  }
  if (!req.body) return '';
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw new AppError('payload_too_large', `Request body is larger than ${Math.round(limit / 1024)} KiB`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') throw new AppError('bad_request', 'Request body is empty; expected JSON');
  const parsed = parseJsonValue(text);
  if (parsed.ok) return parsed.value;
  throw new AppError(
    'bad_request',
    `Request body is not valid JSON${parsed.line !== null ? ` (line ${parsed.line}, column ${parsed.column})` : ''}`,
  );
}

function queryObject(req: NextRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of req.nextUrl.searchParams) out[k] = v;
  return out;
}

/**
 * The one wrapper every route handler under app/api goes through:
 * authentication (every path but the public ones of auth/public-routes.ts),
 * awaited params, zod-parsed params/query/body, one error shape
 * `{ error: { code, message, issues? } }` (error-response.ts), and a generic 500
 * that leaks nothing (the cause is logged, errors.ts toAppError).
 */
export function route<
  P extends z.ZodType = z.ZodType<Record<string, never>>,
  Q extends z.ZodType = z.ZodType<Record<string, string>>,
  B extends z.ZodType = z.ZodType<undefined>,
>(spec: RouteSpec<P, Q, B>, handler: Handler<z.infer<P>, z.infer<Q>, B extends z.ZodType ? z.infer<B> : string>) {
  return async (req: NextRequest, ctx: Ctx): Promise<Response> => {
    try {
      if (!isPublicApiPath(req.nextUrl.pathname)) {
        const denied = await authenticateApiRequest(req);
        if (denied) return denied;
      }
      const rawParams = ctx?.params ? await ctx.params : {};
      let params: unknown = rawParams;
      if (spec.params) {
        const r = spec.params.safeParse(rawParams);
        if (!r.success) throw new AppError('bad_request', 'Invalid path parameter', zodIssues(r.error));
        params = r.data;
      }
      let query: unknown = queryObject(req);
      if (spec.query) {
        const r = spec.query.safeParse(query);
        if (!r.success) throw new AppError('bad_request', 'Invalid query string', zodIssues(r.error));
        query = r.data;
      }
      let body: unknown = undefined;
      if (spec.body) {
        const text = await readBody(req, spec.maxBodyBytes ?? MAX_BODY_BYTES);
        if (spec.body === 'text') {
          body = text;
        } else {
          const json = parseJsonBody(text);
          const r = spec.body.safeParse(json);
          if (!r.success) throw new AppError('validation_failed', 'Request body failed validation', zodIssues(r.error));
          body = r.data;
        }
      }
      const result = await handler({
        req,
        params: params as z.infer<P>,
        query: query as z.infer<Q>,
        body: body as B extends z.ZodType ? z.infer<B> : string,
      });
      if (result instanceof Response) return result;
      return NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
    } catch (err) {
      return errorResponse(toAppError(err, `api ${req.method} ${req.nextUrl.pathname}`));
    }
  };
}

/** Shared path-parameter schemas. */
export const hostParam = z.object({
  host: z.string().regex(HOST_ID_RE, 'host id: lowercase letters, digits, - and _'),
});
