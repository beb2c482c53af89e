// What a long-running fake API keeps of what it saw: the most recent entries, bounded, so a
// `wazzup mock` left running for days does not grow without end. Trimmed in steps of half the
// bound, so keeping a bound costs nothing per request.

/** Appends to a list, dropping its oldest entries once it holds half again its bound. */
export function keepRecent<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max + Math.ceil(max / 2)) list.splice(0, list.length - max);
}

/** Sets a map's key, dropping its oldest keys once it holds half again its bound. */
export function setRecent<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  if (map.size <= max + Math.ceil(max / 2)) return;
  let excess = map.size - max;
  for (const oldest of map.keys()) {
    if (excess-- <= 0) break;
    map.delete(oldest);
  }
}
