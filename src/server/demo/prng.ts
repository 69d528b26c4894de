/**
 * A small seeded generator (mulberry32), so that `homeward demo --seed N`
 * makes the same names, texts and shape every time. Not for secrets: the
 * demo accounts' passwords come from node:crypto.
 */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  /** An item chosen by weight: [[item, weight], …]. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((sum, [, weight]) => sum + weight, 0);
    let left = this.next() * total;
    for (const [item, weight] of items) {
      left -= weight;
      if (left < 0) return item;
    }
    return this.pick(items)[0];
  }
}

/**
 * `total` split into `parts` whole numbers of at least 1, varied by `prng`
 * and summing to `total` exactly (total ≥ parts).
 */
export function split(prng: Prng, total: number, parts: number): number[] {
  const sizes = Array.from({ length: parts }, () => 1);
  for (let left = total - parts; left > 0; left -= 1) {
    const at = prng.int(0, parts - 1);
    sizes[at] = (sizes[at] ?? 1) + 1;
  }
  return sizes;
}
