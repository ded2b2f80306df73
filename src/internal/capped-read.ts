// The one capped read loop for every body the SDK takes in (a response in the transport, a webhook
// delivery in the handler): chunks gathered until the source ends, refused as soon as more than the
// cap has arrived, so a huge body cannot exhaust memory. The caller bounds each read in time.

/**
 * Every chunk `next` yields, as one buffer; rejects with `tooLarge()` as soon as the bytes read
 * pass `maxBytes` (the caller then stops its source). Bounded by `maxBytes` and the source's end.
 */
export async function readCapped(next: () => Promise<IteratorResult<Uint8Array>>, maxBytes: number, tooLarge: () => Error): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await next();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(value);
  }
  return join(chunks, size);
}

/** One buffer of all chunks (the only chunk itself, when there is one). */
function join(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  // Chunks are typed over ArrayBufferLike; fetch bodies and Node streams never hand out SharedArrayBuffers.
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
