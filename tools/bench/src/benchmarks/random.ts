/** mulberry32: a tiny seeded PRNG, so every run feeds the same events. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Picker {
  random: () => number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  word(minLength: number, maxLength: number): string;
  uuid(): string;
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

export function picker(seed: number): Picker {
  const random = seededRandom(seed);
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  return {
    random,
    int,
    pick: (items) => items[Math.floor(random() * items.length)]!,
    word(minLength, maxLength) {
      let out = '';
      for (let i = int(minLength, maxLength); i > 0; i--) out += LETTERS[Math.floor(random() * 26)];
      return out;
    },
    uuid() {
      let out = '';
      for (let i = 0; i < 32; i++) {
        if (i === 8 || i === 12 || i === 16 || i === 20) out += '-';
        out += i === 12 ? '4' : HEX[Math.floor(random() * 16)];
      }
      return out;
    },
  };
}
