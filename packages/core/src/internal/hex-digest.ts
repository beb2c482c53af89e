/**
 * A text's digest in hex (Web Crypto, so every runtime has it): how stores name a key or an id
 * without writing the key or id itself, and how a Lua script is known to Redis.
 */
export async function hexDigest(algorithm: 'SHA-1' | 'SHA-256', text: string): Promise<string> {
  const digest = await crypto.subtle.digest(algorithm, new TextEncoder().encode(text));
  let hex = '';
  for (const byte of new Uint8Array(digest)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
