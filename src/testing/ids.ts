// The sandbox's resource ids: version-4 UUIDs, as Basiq's are (an app that validates ids as UUIDs
// must accept every one), deterministic by seed, never repeated within a sandbox.
import { random } from "./fixtures.js";

const hex = (n: number, digits: number) => (n >>> 0).toString(16).padStart(digits, "0").slice(-digits);

/** A 48-bit odd multiplier: n -> n * M mod 2^48 is a bijection, so distinct counters give distinct tails. */
const SPREAD = 0x5deece66d;
const TAIL = 2 ** 48;

/**
 * A generator of UUIDs for one sandbox: the first 74 random bits from a PRNG seeded by `seed`, the
 * last 48 a bijection of a counter (so two ids never share a tail, whatever the PRNG draws).
 */
export function uuids(seed: number): () => string {
  const draw = random((seed ^ 0x1d5eed) >>> 0);
  let counter = 0;
  return () => {
    const tail = Number((BigInt(++counter) * BigInt(SPREAD) + BigInt(seed >>> 0)) % BigInt(TAIL));
    const word = () => Math.floor(draw() * 2 ** 32);
    const a = word();
    const b = word();
    const c = word();
    return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b, 3)}-${(8 | (c >>> 30)).toString(16)}${hex(c, 3)}-${hex(Math.floor(tail / 2 ** 24), 6)}${hex(tail % 2 ** 24, 6)}`;
  };
}
