/**
 * Whether one client may share live state (a timeout's signal, a rate limiter's queue and timer)
 * between the requests a runtime serves. Not on Cloudflare Workers: workerd binds I/O and timers
 * to the request that made them ("Cannot perform I/O on behalf of a different request") and
 * cancels a request that waits on another's timer as hung. There a limiter and its queue belong
 * to one client, made per request; the key's budget across requests comes from a shared store
 * (the Durable Object).
 */
export function sharesAcrossRequests(): boolean {
  const runtime = (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent;
  return runtime !== 'Cloudflare-Workers';
}
