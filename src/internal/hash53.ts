// One small synchronous string hash, without a Node built-in (the main entry and sync run on edge
// runtimes): for telling things apart (cursors seen, rows changed), not for security.

/**
 * cyrb53, a 53-bit string hash (public domain, bryc: two 32-bit lanes mixed): two different texts
 * share a hash with odds of about n^2 / 2^54 among n texts.
 */
export function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
