// Reads a whole response body inside the attempt's deadline, so a server that sends headers and
// then stalls cannot hang a call past its timeout, and a body cut off mid-way fails the attempt
// (where the retry policy can repeat it) rather than the caller's parse.

const decoder = new TextDecoder();

/**
 * The same Response, its body read in full, its body methods answering from those bytes. Not a
 * `new Response(bytes)`: that costs a second stream (~80 us a call in a profile of the
 * request benchmark), and the caller keeps the real response (url, redirected, type). Rejects
 * with `signal.reason` as soon as `signal` aborts.
 */
export async function bufferResponse(response: Response, signal: AbortSignal, bodyFollowsSignal: boolean): Promise<Response> {
  if (response.body === null) return response;
  // The platform fetch errors the body when its signal aborts (Fetch standard), so the deadline
  // already covers the read; a fetch of the caller's own may not, so race it against the signal.
  if (bodyFollowsSignal) return serveFrom(response, new Uint8Array(await response.arrayBuffer()));
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const bytes = new Uint8Array(await Promise.race([response.arrayBuffer(), aborted]));
    return serveFrom(response, bytes);
  } finally {
    signal.removeEventListener("abort", onAbort);
    aborted.catch(() => {});
  }
}

/** The bytes behind each buffered response, until its body is read. */
const buffered = new WeakMap<Response, Uint8Array<ArrayBuffer>>();
const streams = new WeakMap<Response, ReadableStream<Uint8Array<ArrayBuffer>>>();

/**
 * Hands over the bytes and forgets them, as a Response's body can be read once: the bytes are
 * freed with the read, not when the Response is collected (`make bench`'s pagination memory).
 */
function take(response: Response): Uint8Array<ArrayBuffer> {
  const bytes = buffered.get(response);
  if (bytes === undefined) throw new TypeError("Body is unusable: the body has already been read");
  buffered.delete(response);
  return bytes;
}

/**
 * A Response whose body accessors answer, once, from bytes already read (as a Response's body
 * reads once; clone() before reading for a second copy).
 * Applied with setPrototypeOf (~1 us in a micro-benchmark), not defineProperties (~4 us) nor a
 * new Response (~77 us).
 * Made on first use: on Node, touching the global Response at import loads undici (~70 ms).
 */
const bufferedPrototype = () => (BufferedResponseClass ??= makeBufferedResponse()).prototype;
let BufferedResponseClass: ReturnType<typeof makeBufferedResponse> | undefined;

const makeBufferedResponse = () => class BufferedResponse extends Response {
  override get body(): ReadableStream<Uint8Array<ArrayBuffer>> | null {
    // Looking at .body does not consume it (the Blob holds its own copy of the bytes).
    let stream = streams.get(this);
    const bytes = buffered.get(this);
    if (!stream && bytes) streams.set(this, (stream = new Blob([bytes]).stream()));
    return stream ?? null;
  }
  override get bodyUsed(): boolean {
    return !buffered.has(this);
  }
  override async arrayBuffer(): Promise<ArrayBuffer> {
    return take(this).buffer;
  }
  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return take(this);
  }
  override async text(): Promise<string> {
    return decoder.decode(take(this));
  }
  override async json(): Promise<unknown> {
    return JSON.parse(decoder.decode(take(this)));
  }
  override async blob(): Promise<Blob> {
    return new Blob([take(this)], { type: this.headers.get("content-type") ?? "" });
  }
  override formData(): Promise<FormData> {
    return new Response(take(this), { headers: this.headers }).formData();
  }
  override clone(): Response {
    const bytes = buffered.get(this);
    if (bytes === undefined) throw new TypeError("Response.clone: the body has already been read");
    return serveFrom(new Response(null, { status: this.status, statusText: this.statusText, headers: this.headers }), bytes.slice());
  }
};

/** Makes `response` answer its body accessors from `bytes`. */
function serveFrom(response: Response, bytes: Uint8Array<ArrayBuffer>): Response {
  buffered.set(response, bytes);
  return Object.setPrototypeOf(response, bufferedPrototype()) as Response;
}

/** Cancels a body we will not read (a retried attempt's), so its connection is freed at once. */
export function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}
