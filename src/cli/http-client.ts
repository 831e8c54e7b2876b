import { createReadStream } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { Readable, Transform } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CliError } from './common.ts';

const SESSION_COOKIE = 'yipan_session';

/** The server answered with an error status; the message is the server's own. */
export class HttpError extends CliError {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
    message: string,
  ) {
    super(message, 1);
  }
}

function errorFromBody(status: number, body: string, what: string): HttpError {
  let code: string | undefined;
  let message = body.trim().split('\n')[0].slice(0, 300) || http.STATUS_CODES[status] || 'error';
  try {
    const parsed = JSON.parse(body) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) {
      message = parsed.error.message;
      code = parsed.error.code;
    }
  } catch {
    // not JSON: keep the first line of the text
  }
  return new HttpError(status, code, `${what}: ${message} (HTTP ${status})`);
}

/** Turns a network failure into one readable line. */
function unreachable(base: URL, err: unknown): CliError {
  type NetError = Error & { code?: string; cause?: NetError; errors?: Array<{ code?: string }> };
  const e = err as NetError;
  const cause: NetError = e.cause ?? e;
  const code = cause.code ?? cause.errors?.[0]?.code;
  const before = !code || ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT'].includes(code);
  return new CliError(`${before ? 'cannot reach' : 'connection to'} ${base.origin}${before ? '' : ' failed'}: ${code ?? cause.message}`);
}

/** Counts newline bytes, for a rows/s estimate while uploading a CSV. */
function countNewlines(chunk: Buffer): number {
  let n = 0;
  for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
  return n;
}

/** A signed-in session on a Yipan server: the session cookie plus the CSRF token for writes. */
export class ApiClient {
  private constructor(
    readonly base: URL,
    private readonly cookie: string,
    private readonly csrfToken: string,
  ) {}

  static async signIn(base: URL, username: string, password: string): Promise<ApiClient> {
    const url = new URL('/api/auth/login', base);
    let res: Response;
    try {
      res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ username, password }) });
    } catch (err) {
      throw unreachable(base, err);
    }
    const body = await res.text();
    if (!res.ok) throw errorFromBody(res.status, body, `sign-in as ${username} failed`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    let csrfToken: string | undefined;
    try {
      csrfToken = (JSON.parse(body) as { csrfToken?: string }).csrfToken;
    } catch {
      // handled below
    }
    if (!cookie || !csrfToken) throw new CliError(`sign-in as ${username}: the server at ${base.origin} did not answer like a Yipan server`);
    return new ApiClient(base, cookie, csrfToken);
  }

  private async get(path: string, what: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.base), { headers: { cookie: this.cookie } });
    } catch (err) {
      throw unreachable(this.base, err);
    }
    if (!res.ok) throw errorFromBody(res.status, await res.text(), what);
    return res;
  }

  async getJson<T>(path: string, what: string): Promise<T> {
    const res = await this.get(path, what);
    const text = await res.text();
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new CliError(`${what}: the server's answer is not JSON`);
    }
  }

  /** A GET whose body is read as a stream (e.g. a long CSV). */
  async getStream(path: string, what: string): Promise<Readable> {
    const res = await this.get(path, what);
    if (!res.body) return Readable.from([]);
    return Readable.fromWeb(res.body as WebReadableStream<Uint8Array>);
  }

  /** POSTs a JSON body (values stay out of the URL) and returns the answer for the caller to read. */
  async postJson(path: string, body: unknown, opts: { what: string; accept?: string }): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(new URL(path, this.base), {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: opts.accept ?? 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrfToken },
        body: JSON.stringify(body),
      });
    } catch (err) {
      throw unreachable(this.base, err);
    }
    if (!res.ok) throw errorFromBody(res.status, await res.text(), opts.what);
    return res;
  }

  /**
   * POSTs a file as the request body, streamed from disk (never held in memory), and returns
   * the JSON answer. `onSent` reports bytes handed to the socket and newlines among them. When
   * the server answers before the upload is over (it refused the file), sending stops at once.
   */
  upload<T>(path: string, file: string, opts: { contentType: string; what: string; onSent?: (bytes: number, lines: number) => void; onUploaded?: () => void }): Promise<T> {
    const url = new URL(path, this.base);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const source = createReadStream(file, { highWaterMark: 256 * 1024 });
      let bytes = 0;
      let lines = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          bytes += chunk.length;
          lines += countNewlines(chunk);
          opts.onSent?.(bytes, lines);
          cb(null, chunk);
        },
      });
      const req = transport.request(url, {
        method: 'POST',
        headers: { 'content-type': opts.contentType, accept: 'application/json', cookie: this.cookie, 'x-csrf-token': this.csrfToken },
      });
      const settle = (fn: () => void) => {
        if (settled) return;
        settled = true;
        source.unpipe(counter);
        counter.unpipe(req);
        source.destroy();
        fn();
      };
      counter.on('end', () => opts.onUploaded?.());
      source.on('error', (e) => {
        settle(() => reject(new CliError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? e.message}`)));
        req.destroy();
      });
      req.on('error', (e) => settle(() => reject(unreachable(this.base, e))));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => settle(() => reject(unreachable(this.base, e))));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          settle(() => {
            if (status >= 400) return reject(errorFromBody(status, text, opts.what));
            try {
              resolve(JSON.parse(text) as T);
            } catch {
              reject(new CliError(`${opts.what}: the server's answer is not JSON (HTTP ${status})`));
            }
          });
          // A refusal can come while we are still sending: drop the connection, not the rest of the file.
          if (!req.writableFinished) req.destroy();
        });
      });
      source.pipe(counter).pipe(req);
    });
  }
}
