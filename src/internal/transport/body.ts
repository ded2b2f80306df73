// Reads a whole response body inside the attempt's deadline and under a byte cap, so a server
// that sends headers and then stalls cannot hang a call past its timeout, a huge body cannot
// exhaust memory, and a body cut off mid-way fails the attempt (where the retry policy can repeat
// it) rather than the caller's parse.
import type { Deadline } from "../abort.js";
import { readCapped } from "../capped-read.js";

const decoder = new TextDecoder();

/** A body larger than the cap (`declared`: its content-length, when that alone gave it away). */
export class BodyTooLarge extends Error {
  constructor(readonly status: number, readonly limit: number, readonly declared: number | undefined) {
    super(`response body over ${limit} bytes`);
  }
}

/**
 * The same Response, its body read in full, its body methods answering from those bytes. Not a
 * `new Response(bytes)`: that costs a second stream (~80 us a call in a profile of the
 * request benchmark), and the caller keeps the real response (url, redirected, type). Rejects
 * with the signal's reason as soon as `within`'s signal aborts, and with BodyTooLarge (the stream
 * cancelled) as soon as the body is known to exceed `maxBytes`: by its content-length, or by the bytes read.
 */
export async function bufferResponse(response: Response, within: Pick<Deadline, "race">, maxBytes: number): Promise<Response> {
  if (response.body === null) return response;
  const declared = Number(response.headers.get("content-length") ?? 0);
  if (declared > maxBytes) {
    discard(response);
    throw new BodyTooLarge(response.status, maxBytes, declared);
  }
  // The read is raced against the deadline, for every fetch, the platform's included: the Fetch
  // standard says an abort errors the body, but undici has missed it under load (the read then
  // waited ~5 s for the server to close the socket; the fault suite's property test caught it).
  // Reading through a reader lets the abort cancel the stream, which frees the connection at once
  // (and ends the read still waiting).
  const reader = response.body.getReader();
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    // Bounded by the deadline (the whole read raced against it) and by maxBytes.
    bytes = await within.race(readCapped(() => reader.read(), maxBytes, () => new BodyTooLarge(response.status, maxBytes, undefined)));
  } catch (error) {
    reader.cancel(error).catch(() => {});
    throw error;
  }
  return serveFrom(response, bytes);
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
    const bytes = take(this);
    // A chunk may be a view into a larger buffer: hand out exactly its bytes.
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
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
