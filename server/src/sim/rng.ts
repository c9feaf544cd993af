/**
 * Seeded pseudo-random numbers (xorshift128, four 32-bit words of state). The state is plain data, so
 * it is exported and restored with the rest of the cluster.
 */
export class Rng {
  private s: [number, number, number, number];

  constructor(seed: number | [number, number, number, number] = 1) {
    if (Array.isArray(seed)) {
      this.s = [...seed] as [number, number, number, number];
    } else {
      // splitmix32 spreads a small integer seed over the whole state.
      let x = seed >>> 0;
      const next = (): number => {
        x = (x + 0x9e3779b9) >>> 0;
        let z = x;
        z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
        z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
        return (z ^ (z >>> 16)) >>> 0;
      };
      this.s = [next(), next(), next(), next()];
      if (this.s.every((v) => v === 0)) this.s[0] = 1;
    }
  }

  /** A uint32. */
  nextUint32(): number {
    const s = this.s;
    let t = s[3];
    const first = s[0];
    s[3] = s[2];
    s[2] = s[1];
    s[1] = first;
    t ^= t << 11;
    t ^= t >>> 8;
    s[0] = (t ^ first ^ (first >>> 19)) >>> 0;
    return s[0];
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  state(): [number, number, number, number] {
    return [...this.s] as [number, number, number, number];
  }
}
