// Reads a whole response body inside the attempt's deadline, so a server that sends headers and
// then stalls cannot hang a call past its timeout, and the body a caller gets is already complete.

/** Statuses whose Response must have a null body (the Response constructor throws otherwise). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * Resolves `response` with its body fully read into memory. Rejects with `signal.reason` as soon as
 * `signal` aborts (cancelling the stream so the connection is released).
 */
export async function bufferResponse(response: Response, signal: AbortSignal): Promise<Response> {
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  if (!response.body || NULL_BODY_STATUSES.has(response.status)) {
    await response.body?.cancel().catch(() => {});
    return new Response(null, init);
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    // Bounded by the deadline: `aborted` rejects when the attempt's timeout fires.
    for (;;) {
      const { done, value } = await Promise.race([reader.read(), aborted]);
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  } finally {
    signal.removeEventListener("abort", onAbort);
    aborted.catch(() => {});
  }
  return new Response(join(chunks, size), init);
}

// Stream chunks are typed over ArrayBufferLike; fetch bodies never hand out SharedArrayBuffers.
function join(chunks: Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  if (chunks.length === 1) return chunks[0] as Uint8Array<ArrayBuffer>;
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** Cancels a body we will not read (a retried attempt's), so its connection is freed at once. */
export function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}
