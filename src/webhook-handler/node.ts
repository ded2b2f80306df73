// hooks.node(req, res): node:http and Express, by duck typing (no import of node:http, so the main
// entry stays web-standard). The raw body is read from the stream, or taken from what express.raw()
// or express.text() already read; a body a JSON parser already turned into an object is refused.
import { BodyRefused, declaredLength, readChunks } from "./body.js";
import type { NodeRequestLike, NodeResponseLike, Outcome } from "./types.js";

/** The message for a route whose body a JSON parser consumed: how to mount the handler instead. */
export const PARSED_BODY =
  "hooks.node needs the raw body to verify the signature, but a JSON parser (express.json() or similar) already read it. " +
  'Mount the handler before any JSON parser, or give its route the raw body: app.post("/webhooks/basiq", express.raw({ type: "application/json" }), hooks.node)';

const encoder = new TextEncoder();

/** True when a body parser consumed the stream (body-parser marks it with `_body`; Node with readableEnded). */
function consumed(req: NodeRequestLike): boolean {
  return (req as { _body?: unknown })._body === true || req.readableEnded === true;
}

/**
 * The raw body of a Node request, or BodyRefused / the "misconfigured" outcome. Bytes or text a
 * middleware read are used as they are (their size checked); otherwise the stream is read.
 */
export async function readNodeBody(req: NodeRequestLike, maxBytes: number, timeoutMs: number): Promise<Uint8Array | "misconfigured"> {
  const { body } = req;
  if (body instanceof Uint8Array || typeof body === "string") {
    const bytes = typeof body === "string" ? encoder.encode(body) : body;
    if (bytes.byteLength > maxBytes) throw new BodyRefused("too-large");
    return bytes;
  }
  if (body !== undefined && body !== null && (typeof body !== "object" || Object.keys(body).length > 0 || consumed(req))) return "misconfigured";
  if (consumed(req)) return "misconfigured";
  const declared = declaredLength(firstHeader(req.headers["content-length"]));
  if (declared !== undefined && declared > maxBytes) throw new BodyRefused("too-large");
  const iterate = req[Symbol.asyncIterator];
  if (typeof iterate !== "function") return "misconfigured";
  return readChunks(iterate.call(req), maxBytes, timeoutMs, () => {
    // Stop reading a refused body; the response still goes out on the open socket half.
    (req as { unpipe?: () => void }).unpipe?.();
  });
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Writes an answer to a Node response. A refused body (413, 408) closes the connection: the rest
 * of it is never read into memory, and the socket is not reused for another request.
 */
export function writeNode(res: NodeResponseLike, outcome: Outcome, answer: { status: number; headers: Record<string, string>; body: string }): void {
  if (res.headersSent) return;
  res.statusCode = answer.status;
  for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
  if (outcome === "too-large" || outcome === "slow-body") res.setHeader("connection", "close");
  res.end(answer.body);
}
