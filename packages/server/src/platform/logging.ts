// What the server log may hold: no request body, no query values, no cookie, no SQL parameters and no row
// values. The log is read by operators who hold no right to patients' identifiers (等保 2.0: personal data
// only where it is needed), and a database error is the usual way row values leak into it: PGlite's errors
// carry the statement's `params`, PostgreSQL's a `detail` such as "Failing row contains (…, 张三, …)".
import type { FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';

const REDACTED = '[redacted]';

/** A URL with every query value replaced: filters name people (q=张三, citizenId=…), paths only ids. */
export function urlWithoutValues(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const keys = url
    .slice(q + 1)
    .split('&')
    .filter(Boolean)
    .map((pair) => `${pair.split('=')[0]}=${REDACTED}`);
  return `${url.slice(0, q)}?${keys.join('&')}`;
}

/** The request as logged: method, path with query keys only, route, client address. No headers, no body. */
function serializeRequest(req: FastifyRequest) {
  return {
    method: req.method,
    url: urlWithoutValues(req.url),
    remoteAddress: req.ip,
  };
}

/** The properties of an error worth logging that name no row: SQLSTATE and the schema objects involved. */
const SAFE_FIELDS = ['code', 'severity', 'table', 'column', 'constraint', 'dataType', 'routine', 'statusCode'] as const;

/**
 * A database message may quote the offending value (`invalid input syntax for type date: "2023-02-30"`,
 * `value "3000000000" is out of range`): quoted literals and digit runs as long as a phone number are blanked.
 */
export function scrubMessage(message: string): string {
  return message
    .replace(/"[^"]*"|'[^']*'|“[^”]*”|「[^」]*」/g, (m) => `${m[0]}…${m[m.length - 1]}`)
    .replace(/\d[\d\s-]{6,}\d[\dXx]?/g, '…');
}

/** An error as logged: type, scrubbed message, SQLSTATE and schema names, the stack's frames, its cause. */
export function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err, message: '[non-error thrown]' };
  const e = err as Error & Record<string, unknown>;
  const out: Record<string, unknown> = { type: e.constructor?.name ?? 'Error', message: scrubMessage(e.message) };
  for (const k of SAFE_FIELDS) if (typeof e[k] === 'string' || typeof e[k] === 'number') out[k] = e[k];
  // A stack starts with the message (possibly several lines of it); only the frames are kept, they name code.
  if (e.stack)
    out.stack = e.stack
      .split('\n')
      .filter((l) => /^\s+at /.test(l))
      .join('\n');
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/**
 * Pino options for the HTTP app. Serializers do the work (they decide what is kept); `redact` is the
 * backstop for the paths a future log call might add by hand.
 */
export function loggerOptions(
  level: string,
  stream?: DestinationStream,
): LoggerOptions & { stream?: DestinationStream } {
  return {
    level,
    ...(stream ? { stream } : {}),
    hooks: {
      // `log.error(err)` makes the error's raw message the line's `msg`, past the serializer: log it as
      // `{ err }` with the scrubbed message instead.
      logMethod(args, method) {
        const [first, ...rest] = args as unknown[];
        if (first instanceof Error) {
          const msg = typeof rest[0] === 'string' ? rest : [scrubMessage(first.message), ...rest];
          return method.apply(this, [{ err: first }, ...msg] as Parameters<typeof method>);
        }
        return method.apply(this, args);
      },
    },
    serializers: {
      req: serializeRequest as (req: unknown) => unknown,
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      err: serializeError,
      error: serializeError,
    },
    redact: {
      paths: [
        'req.headers',
        'req.body',
        'body',
        'headers.cookie',
        'headers.authorization',
        'res.headers["set-cookie"]',
        '*.params',
        '*.parameters',
        '*.detail',
        '*.query',
        '*.password',
        '*.citizenId',
        '*.patientName',
        '*.parentName',
        '*.phone',
        '*.birthDate',
      ],
      censor: REDACTED,
    },
  };
}
