// Times one overhead contender in a process of its own (see overhead.ts) and prints µs per send.
import { createWazzup, parseSendMessageRequest } from '@wazzup-sdk/core';
import { createCrmMessageId, createTransport } from '@wazzup-sdk/core/internal';
import { createFetch } from 'ofetch';
import * as v from 'valibot';
import { FloorSchema } from '../fixtures/floor-schema';
import { memoryFetch, MESSAGE as message } from './in-memory';
import { STACK_SEND } from './overhead-names';

const URL = 'http://wazzup.invalid/v3/message';

/**
 * Core's own transport (ofetch, as every send calls it) over the in-memory fetch, from core's
 * private subpath: the contender cannot drift from the SDK.
 */
function postAsTheSdkDoes() {
  const transport = createTransport(memoryFetch);
  const headers = {
    authorization: 'Bearer bench-key',
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const signal = new AbortController().signal;
  return (body: string) => transport(URL, { body, headers, signal });
}

async function contender(name: string): Promise<() => Promise<unknown>> {
  switch (name) {
    case 'raw fetch':
      // What a hand-written client does: build the request, stringify, send, read the JSON.
      return async () => {
        const headers = { authorization: 'Bearer bench-key', 'content-type': 'application/json' };
        const response = await memoryFetch(URL, {
          method: 'POST',
          headers,
          body: JSON.stringify(message),
        });
        await response.json();
      };
    case 'plain ofetch': {
      // createFetch is how ofetch takes an injected fetch (ofetch.create keeps the global one).
      const plain = createFetch({ fetch: memoryFetch as typeof fetch });
      return () => plain(URL, { method: 'POST', body: message });
    }
    case STACK_SEND: {
      // What the stack alone gives a validated, idempotent send: valibot's parse with a schema of
      // the same fields (the bundle floor's), a UUID for crmMessageId, then plain ofetch.
      const plain = createFetch({ fetch: memoryFetch as typeof fetch });
      return () => {
        const body = { ...v.parse(FloorSchema, message), crmMessageId: crypto.randomUUID() };
        return plain(URL, { method: 'POST', body });
      };
    }
    case 'ofetch as the SDK calls it': {
      // The SDK's HTTP layer alone: a string body, the text answer parsed once, a signal passed.
      const post = postAsTheSdkDoes();
      return async () => {
        const answer = await post(JSON.stringify(message));
        return JSON.parse(answer.text);
      };
    }
    case 'the same + validation and crmMessageId': {
      // The least any locally validated, idempotent send does on this stack: the request schema
      // and a crmMessageId, the answer parsed as the SDK reads it; no retry loop, no timeout.
      const post = postAsTheSdkDoes();
      return async () => {
        const request = parseSendMessageRequest(message);
        request.crmMessageId ??= createCrmMessageId();
        const answer = await post(JSON.stringify(request));
        return JSON.parse(answer.text);
      };
    }
    case 'SDK sendMessage': {
      const sdk = createWazzup({ apiKey: 'bench-key', fetch: memoryFetch, rateLimit: false });
      return () => sdk.messages.send(message);
    }
    case 'SDK sendMessage, rate limiter on': {
      // Every send of the run stays in one window of a limit it never reaches: if the limiter's
      // cost grew with the slots it holds (it once scanned them all), this row would show it.
      const sdk = createWazzup({
        apiKey: 'bench-key',
        fetch: memoryFetch,
        rateLimit: { limit: 1_000_000, windowMs: 600_000 },
      });
      return () => sdk.messages.send(message);
    }
    case 'what-if: SDK with fetch in place of ofetch': {
      // The same client built with fetch in place of ofetch (see without-ofetch.ts).
      const whatIf: typeof import('@wazzup-sdk/core') = await import(coreWithoutOfetch);
      const sdk = whatIf.createWazzup({
        apiKey: 'bench-key',
        fetch: memoryFetch,
        rateLimit: false,
      });
      return () => sdk.messages.send(message);
    }
    default:
      throw new Error(`unknown contender ${name}`);
  }
}

const [name = '', countArg = '', coreWithoutOfetch = ''] = process.argv.slice(2);
const count = Number(countArg);
const send = await contender(name);
for (let i = 0; i < count / 2; i++) await send(); // warm up the JIT
const started = performance.now();
for (let i = 0; i < count; i++) await send();
process.stdout.write(String(((performance.now() - started) * 1000) / count));
