// Reads a whole response body inside the attempt's deadline, so a server that sends headers and
// then stalls cannot hang a call past its timeout, and a body cut off mid-way fails the attempt
// (where the retry policy can repeat it) rather than the caller's parse.

const decoder = new TextDecoder();

/**
 * The same Response, its body read in full, its body methods answering from those bytes. Not a
 * `new Response(bytes)`: that costs a second stream and ~90 µs a call (see make bench), and the
 * caller keeps the real response (url, redirected, type). Rejects with `signal.reason` as soon as
 * `signal` aborts.
 */
export async function bufferResponse(response: Response, signal: AbortSignal): Promise<Response> {
  if (response.body === null) return response;
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    // fetch implementations abort the body with the signal; the race covers those that do not.
    const bytes = new Uint8Array(await Promise.race([response.arrayBuffer(), aborted]));
    return serveFrom(response, bytes);
  } finally {
    signal.removeEventListener("abort", onAbort);
    aborted.catch(() => {});
  }
}

/** Redefines the body accessors of `response` over `bytes` (each read hands out its own copy). */
function serveFrom(response: Response, bytes: Uint8Array): Response {
  const type = response.headers.get("content-type") ?? "";
  let stream: ReadableStream<Uint8Array> | undefined;
  const own = (value: unknown) => ({ value, configurable: true });
  return Object.defineProperties(response, {
    body: { get: () => (stream ??= new Blob([bytes as Uint8Array<ArrayBuffer>]).stream()), configurable: true },
    arrayBuffer: own(async () => bytes.slice().buffer),
    bytes: own(async () => bytes.slice()),
    text: own(async () => decoder.decode(bytes)),
    json: own(async () => JSON.parse(decoder.decode(bytes))),
    blob: own(async () => new Blob([bytes as Uint8Array<ArrayBuffer>], { type })),
    formData: own(() => new Response(bytes as Uint8Array<ArrayBuffer>, { headers: response.headers }).formData()),
    clone: own(() => serveFrom(new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers }), bytes)),
  });
}

/** Cancels a body we will not read (a retried attempt's), so its connection is freed at once. */
export function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}
