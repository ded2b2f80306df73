// A Map that holds at most `max` entries: adding one more drops the oldest-inserted first, so a
// cache keyed by what callers send (user ids, secrets seen) stays bounded whatever they send.

/** A Map of at most `max` entries; `set` of a new key when full drops the oldest-inserted entry. */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly max: number;

  constructor(max: number) {
    super();
    this.max = max;
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.max) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}
