import { WazzupConfigError } from '@wazzup-sdk/core';

/**
 * `allowedOrigins` as given, once each is checked to be an origin exactly (scheme, host and
 * port, nothing more): a string in place of the array would otherwise be searched by substring,
 * letting `https://app` in on `https://app.example.com`.
 */
export function checkOrigins(value: unknown): readonly string[] {
  if (!Array.isArray(value)) {
    throw new WazzupConfigError(
      'allowedOrigins',
      'allowedOrigins must be an array of origins, e.g. ["https://crm.example.com"] ([] for none)',
    );
  }
  for (const origin of value) {
    let exact = false;
    try {
      exact = typeof origin === 'string' && new URL(origin).origin === origin;
    } catch {}
    if (!exact) {
      throw new WazzupConfigError(
        'allowedOrigins',
        `allowedOrigins must hold origins only (scheme://host[:port], no path or trailing slash), not ${JSON.stringify(String(origin)).slice(0, 80)}`,
      );
    }
  }
  return value as string[];
}

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
