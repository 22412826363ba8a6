/** Grouping lines for the tamper rules without per-line copies: large rewrites group thousands. */

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

/**
 * The lines of two lists each once, in file order. Both lists are in file order already, so a
 * single list is used as it is: no set and sort per question when a file has thousands of lines.
 */
export function unionInOrder<T extends { index: number }>(a: T[] | undefined, b: T[] | undefined): T[] {
  if (!b?.length) return a ?? [];
  if (!a?.length) return b;
  return [...new Set([...a, ...b])].sort((x, y) => x.index - y.index);
}
