// Node's http servers (node:http, Express, Connect, Fastify's raw request) hand over a request
// stream and a response writer, not a `Request`. This turns them into one for the standard handler,
// typed by the shape it uses, so core imports nothing of Node's.

/** What the adapter reads of Node's `IncomingMessage` (and of Express's `req`). */
export interface NodeRequestLike extends AsyncIterable<Uint8Array | string> {
  method?: string | undefined;
  /** The path and query, e.g. `/wazzup?token=…`. */
  url?: string | undefined;
  /** Express's path before a router stripped its mount point. */
  originalUrl?: string | undefined;
  headers: Record<string, string | string[] | undefined>;
  /** Set by a body parser that ran first (Express's `express.json()`, `raw()`, `text()`). */
  body?: unknown;
  /** True once the body has been read to its end (by a body parser, when one ran). */
  readableEnded?: boolean | undefined;
}

/** What the adapter writes through Node's `ServerResponse` (and Express's `res`). */
export interface NodeResponseLike {
  statusCode: number;
  headersSent?: boolean | undefined;
  setHeader(name: string, value: string): unknown;
  end(body?: Uint8Array | string): unknown;
}

/** A Node listener: `http.createServer(listener)`, `app.post(path, listener)`. */
export type NodeHandler = (request: NodeRequestLike, response: NodeResponseLike) => Promise<void>;

/**
 * The one adapter from Node's `(req, res)` to a standard `(request: Request) => Promise<Response>`
 * handler such as {@link createWebhookHandler}'s, for node:http, Express, Connect or Fastify's raw
 * request. The body goes to the handler as a stream it pulls, so its size limit and time limit hold.
 * When a body parser ran first and read the stream, its result is used: bytes (`express.raw()`) and
 * text (`express.text()`) as they are, a parsed object (`express.json()`) as JSON again. Mount the
 * receiver before a global `express.json()`: that parser refuses bodies over 100 KB by default,
 * and Wazzup may deliver a larger batch.
 *
 * @example
 * const app = express();
 * app.post('/wazzup', toNodeHandler(createWebhookHandler({ token, onMessage })));
 * app.use(express.json()); // the app's other routes
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): NodeHandler {
  return async (req, res) => {
    let answer: Response;
    const body = bodyOf(req);
    try {
      answer = await handler(toRequest(req, body.init));
    } catch {
      // The webhook handler answers every failure itself; this is for a handler that throws.
      answer = new Response(JSON.stringify({ error: 'INTERNAL_ERROR' }), { status: 500 });
    }
    if (res.headersSent) return;
    res.statusCode = answer.status;
    answer.headers.forEach((value, name) => {
      res.setHeader(name, value);
    });
    // A body the handler did not read to its end (refused before or while reading) is still on
    // the connection: closing it is the only way the next request on it is not stuck behind it.
    if (!body.read()) res.setHeader('connection', 'close');
    res.end(new Uint8Array(await answer.arrayBuffer()));
  };
}

function toRequest(req: NodeRequestLike, body: BodyInit | undefined): Request {
  // Only the path and query matter to the handler (the token is a query parameter); the Host
  // header is the sender's to choose, so it is not trusted to build the address.
  const url = new URL(req.originalUrl ?? req.url ?? '/', 'http://localhost');
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name.startsWith(':')) continue;
    headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const method = req.method ?? 'GET';
  if (body === undefined) return new Request(url, { method, headers });
  // Node's fetch needs `duplex` for a streamed body.
  return new Request(url, { method, headers, body, duplex: 'half' } as RequestInit);
}

/** The request's body for a `Request`, and whether it has been read to its end. */
function bodyOf(req: NodeRequestLike): { init: BodyInit | undefined; read(): boolean } {
  if (req.method === undefined || req.method === 'GET' || req.method === 'HEAD') {
    return { init: undefined, read: () => true };
  }
  const parsed = req.body;
  if (req.readableEnded && parsed !== undefined) {
    const text = parsed instanceof Uint8Array || typeof parsed === 'string';
    return { init: text ? (parsed as BodyInit) : JSON.stringify(parsed), read: () => true };
  }
  const chunks = req[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let ended = false;
  // Pulled as the handler reads; when it stops (a body over its limit), nothing more is read.
  const init = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await chunks.next();
      if (done) {
        ended = true;
        controller.close();
      } else controller.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
    },
  });
  return { init, read: () => ended };
}
