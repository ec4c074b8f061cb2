/** A demo simulator runs for days: every store of messages, comments and queued updates keeps only the newest KEEP. */
export const KEEP = 5000;

/** Sets `key`, forgetting the oldest entry once the map holds more than KEEP. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.set(key, value);
  if (map.size > KEEP) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
}

/** Appends to a queue, forgetting its oldest item once it holds more than KEEP. */
export function enqueue<T>(queue: T[], item: T): void {
  queue.push(item);
  if (queue.length > KEEP) queue.shift();
}
