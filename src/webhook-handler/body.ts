// Reading a delivery's raw body under a byte cap and a deadline, from a web stream (Request.body)
// or from a Node stream (anything async-iterable of chunks): a declared Content-Length over the cap
// is refused before a byte is read, and an undeclared (chunked) body is counted as it arrives
// (internal/capped-read.ts).
import { raceSignal, withDeadline } from "../internal/abort.js";
import { readCapped } from "../internal/capped-read.js";

/** Why a body was not read: too big, too slow, or (Node) already consumed by a parser. */
export class BodyRefused extends Error {
  constructor(readonly outcome: "too-large" | "slow-body" | "invalid") {
    super(outcome);
  }
}

/** The Content-Length header as a number (undefined when absent); a malformed one is refused. */
export function declaredLength(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || value === "") return undefined;
  if (!/^\d{1,16}$/.test(value.trim())) throw new BodyRefused("invalid");
  return Number(value.trim());
}

const encoder = new TextEncoder();

/** A chunk as bytes: a Node stream yields Buffers (Uint8Arrays), or strings after setEncoding. */
function bytesOf(chunk: unknown): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === "string") return encoder.encode(chunk);
  throw new BodyRefused("invalid");
}

/**
 * Reads every chunk of `source` (bounded by `maxBytes` and `timeoutMs`); `stop` is called when
 * reading ends early (cancel the stream, or destroy the request), so nothing more is buffered.
 */
export async function readChunks(source: AsyncIterator<unknown>, maxBytes: number, timeoutMs: number, stop: () => void): Promise<Uint8Array> {
  const deadline = withDeadline(timeoutMs);
  const next = async (): Promise<IteratorResult<Uint8Array>> => {
    const chunk = await raceSignal(source.next(), deadline.signal);
    return chunk.done ? chunk : { done: false, value: bytesOf(chunk.value) };
  };
  try {
    // Bounded by maxBytes (each chunk counted) and by the deadline (each read raced against it).
    return await readCapped(next, maxBytes, () => new BodyRefused("too-large"));
  } catch (error) {
    stop();
    throw deadline.passed() && error === deadline.signal.reason ? new BodyRefused("slow-body") : error;
  } finally {
    deadline.dispose();
  }
}

/** The raw body of a web-standard Request, or BodyRefused. */
export async function readRequestBody(request: Request, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
  const declared = declaredLength(request.headers.get("content-length"));
  if (declared !== undefined && declared > maxBytes) {
    request.body?.cancel().catch(() => {});
    throw new BodyRefused("too-large");
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const source: AsyncIterator<unknown> = { next: () => reader.read() as Promise<IteratorResult<unknown>> };
  return readChunks(source, maxBytes, timeoutMs, () => void reader.cancel().catch(() => {}));
}
