/** CORS headers for an allowed origin; `Vary: Origin` since the answer depends on it. */
export function corsHeaders(origin: string): Record<string, string> {
  return {
    'access-control-allow-origin': origin,
    'access-control-allow-methods': 'POST, OPTIONS',
    'access-control-allow-headers': 'content-type, authorization, accept',
    'access-control-max-age': '86400',
    vary: 'Origin',
  };
}

/**
 * The origin check: `undefined` when the request names no origin (a server calling), `true` or
 * `false` when a browser does. Origins compare exactly: scheme, host and port.
 */
export function originAllowed(request: Request, allowed: readonly string[]): boolean | undefined {
  const origin = request.headers.get('origin');
  if (origin === null) return undefined;
  return allowed.includes(origin);
}
