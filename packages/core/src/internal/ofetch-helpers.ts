// What core's build gives ofetch in place of its helper packages (ufo for URLs, destr for JSON),
// since the transport never reaches them: it passes no `baseURL` and no `query` (the only calls
// to ufo) and reads every body itself as a stream (destr parses only bodies ofetch reads). They
// were a third of ofetch's weight in a page. Reaching one would be a change to the transport: it
// throws, so the tests of the built packages say so, rather than sending to a wrong URL.

function unreachable(name: string): never {
  throw new Error(`wazzup: ofetch reached ${name}, which core's transport never uses`);
}

export function withBase(): never {
  return unreachable('withBase');
}

export function withQuery(): never {
  return unreachable('withQuery');
}

export default function destr(): never {
  return unreachable('destr');
}
