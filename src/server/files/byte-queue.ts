/**
 * Bytes received in chunks of any size, taken back out in exact-size pieces.
 * The segmented cipher needs whole segments; concatenating every incoming
 * chunk onto one buffer would copy a segment's bytes over and over.
 */
export class ByteQueue {
  private readonly chunks: Buffer[] = [];
  /** Where the unread part of chunks[0] starts. */
  private offset = 0;
  private bytes = 0;

  get length(): number {
    return this.bytes;
  }

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.bytes += chunk.length;
  }

  /** Removes and returns the first `count` bytes; `count` must not exceed `length`. */
  take(count: number): Buffer {
    if (count > this.bytes) throw new RangeError(`ByteQueue holds ${this.bytes} bytes, not ${count}`);
    const out = Buffer.allocUnsafe(count);
    let filled = 0;
    while (filled < count) {
      const first = this.chunks[0];
      if (first === undefined) break;
      const n = Math.min(first.length - this.offset, count - filled);
      first.copy(out, filled, this.offset, this.offset + n);
      filled += n;
      this.offset += n;
      if (this.offset === first.length) {
        this.chunks.shift();
        this.offset = 0;
      }
    }
    this.bytes -= count;
    return out;
  }
}
