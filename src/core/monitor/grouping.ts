/**
 * The list kept under a key, made on first use. Appending in place matters: copying the list
 * for every line (`map.set(k, [...(map.get(k) ?? []), line])`) is quadratic when thousands of
 * lines of a rewritten file share one shape or callee.
 */
export function listIn<K, T>(map: Map<K, T[]>, key: K): T[] {
  const list = map.get(key);
  if (list) return list;
  const made: T[] = [];
  map.set(key, made);
  return made;
}
