// basiq.follow: fetch a link the API returned (a job's links.source, a step's result.url, an
// event's links.eventEntity) from the client's own baseUrl, typed by the operation it names.
import type { BasiqApi } from "./api.js";
import { apiError } from "./internal/api-error.js";
import { type LinkOperationId, resolveLink } from "./internal/links.js";
import type { OperationResult } from "./ops.js";
import type { RetryOptions } from "./types.js";

export type { LinkOperationId };

/** What {@link follow} resolves: the operation the link named and its parsed body, discriminated by `operationId`. */
export type FollowResult = { [Id in LinkOperationId]: { operationId: Id; data: OperationResult<Id> } }[LinkOperationId];

/** Options of `basiq.follow`: the request's retry settings and signal. */
export interface FollowInit extends RetryOptions {
  /** Aborts the request. @default undefined */
  signal?: AbortSignal;
}

type Get = (path: string, init: object) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

/**
 * GETs `link` from `baseUrl` and resolves `{ operationId, data }`. A link is taken when its origin
 * is baseUrl's or Basiq's own API origin (which the API writes into every link, even behind a
 * proxy); a link to any other origin, or to a path no GET operation has, is a BasiqError and
 * nothing is sent. The request always goes to baseUrl.
 */
export async function follow(api: BasiqApi, baseUrl: string, link: string | URL, init: FollowInit = {}): Promise<FollowResult> {
  const match = resolveLink(link, baseUrl, "follow");
  const { data, error, response } = await (api.GET as unknown as Get)(match.template, { ...init, params: { path: match.path, query: match.query } });
  if (!response.ok) throw apiError("GET", match.template, response.status, error, response.headers);
  return { operationId: match.operationId, data } as FollowResult;
}
