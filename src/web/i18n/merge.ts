/** The type of `parts` merged: every part's keys, each with its own messages. */
type Merged<T extends readonly object[]> = T extends readonly [infer Head, ...infer Rest extends readonly object[]]
  ? Head & Merged<Rest>
  : unknown;

/**
 * One language's messages from its parts (the core and one part per area of
 * the app), in the same order for every language. A top-level key two parts
 * both hold would let the later one silently replace the other's messages:
 * that fails at start instead.
 */
export function mergeAreas<const T extends readonly object[]>(...parts: T): Merged<T> {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, messages] of Object.entries(part)) {
      if (key in merged) throw new Error(`two message parts both hold "${key}"`);
      merged[key] = messages;
    }
  }
  return merged as Merged<T>;
}
