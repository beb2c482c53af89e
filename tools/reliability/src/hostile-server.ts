import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the hostile server answers: status, headers and body, or an endless body. */
export interface HostileAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Write this chunk again and again until the client goes away, or `limit` bytes are out. */
  endless?: string;
  /** Bound of an endless body; default 256 MiB, far more than any client should read. */
  limit?: number;
}

/** Builds an answer from what the request carried. */
export type HostileScript = (request: IncomingMessage) => HostileAnswer;

/** A loopback server that answers each request as the current script says. */
export interface HostileServer {
  url: string;
  /** Requests seen since the last `reset`. */
  hits: number;
  /** Bytes of body written for the last endless answer before the client went away. */
  endlessBytes: number;
  /** Whether the client went away before the endless body reached its bound. */
  endlessCut: boolean;
  answer(script: HostileScript): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * Serves a hostile API on 127.0.0.1: it answers whatever the test scripts (echoing the request's
 * secrets into every field it controls, redirecting, sending endless bodies), so the client's
 * real HTTP path is what is tested.
 */
export async function serveHostile(): Promise<HostileServer> {
  let script: HostileScript = () => ({ status: 500 });
  const state = { hits: 0, endlessBytes: 0, endlessCut: false };
  const server = createServer((req, res) => {
    state.hits++;
    req.resume();
    req.on('end', () => {
      const answer = script(req);
      res.statusCode = answer.status;
      for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
      if (answer.endless === undefined) {
        res.end(answer.body ?? '');
        return;
      }
      const chunk = Buffer.from(answer.endless);
      const bound = answer.limit ?? 256 * 1024 * 1024;
      state.endlessBytes = 0;
      state.endlessCut = false;
      res.on('close', () => {
        state.endlessCut = state.endlessBytes < bound;
      });
      const write = () => {
        while (state.endlessBytes < bound && !res.destroyed) {
          state.endlessBytes += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', write);
        }
        res.end();
      };
      write();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return state.hits;
    },
    get endlessBytes() {
      return state.endlessBytes;
    },
    get endlessCut() {
      return state.endlessCut;
    },
    answer(next) {
      script = next;
    },
    reset() {
      state.hits = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
