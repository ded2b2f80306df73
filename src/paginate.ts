// basiq.pages / basiq.paginate: walk a list through its `links.next` cursors, one page in memory.
import type { FetchOptions } from "openapi-fetch";
import type { paths } from "../generated/index.js";
import type { BasiqApi } from "./api.js";
import { BasiqError } from "./errors.js";
import { BASE_URL } from "./internal/base-url.js";
import { apiError } from "./internal/api-error.js";
import { CursorHistory } from "./internal/cursors.js";
import { resolveLink } from "./internal/links.js";
import { fillPath } from "./internal/path.js";
import type { RetryOptions } from "./types.js";

type JsonBody<R> = R extends { content: { "application/json": infer B } } ? B : never;
type GetBody<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? JsonBody<R> : never;
type LinksOf<B> = B extends { links?: infer L } ? NonNullable<L> : never;
/** The element type of a body's `data[]` (required or, as in reports and webhooks, optional). */
type ItemOf<B> = B extends { data?: infer D } ? (NonNullable<D> extends (infer T)[] ? T : never) : never;

/** Every GET path whose 200 body has `data[]` and a `links.next` cursor. */
export type PagedPath = {
  [P in keyof paths]: [GetBody<P>] extends [never] ? never // no GET (never would match anything below)
    : [ItemOf<GetBody<P>>] extends [never] ? never
    : "next" extends keyof LinksOf<GetBody<P>> ? P : never;
}[keyof paths];

/** The type of one item of a paged path's `data[]`. */
export type PageItem<P extends PagedPath> = ItemOf<GetBody<P>>;

/** One page: its items and the cursor of the following page (undefined on the last page). */
export interface Page<P extends PagedPath> {
  data: PageItem<P>[];
  /** The `next` query value of `links.next`: save it to resume later with `init.cursor`. */
  next: string | undefined;
}

/** `init` of pages/paginate: the path's GET options plus where to start. */
export type PaginateInit<P extends PagedPath> = FetchOptions<paths[P] extends { get: infer Op } ? Op : never> & RetryOptions & {
  /** Resume from a saved `next` cursor. @default undefined (the first page) */
  cursor?: string;
};

/** `init` of pages/paginate given a link the API returned: which list it must be, where to start, request options. */
export type LinkPaginateInit<P extends PagedPath> = RetryOptions & {
  /** The list the link must point at: checked (a BasiqError otherwise), and it types the items. @default undefined (any list) */
  expect?: P;
  /** Resume from a saved `next` cursor. @default undefined (the first page) */
  cursor?: string;
  /** Aborts the current request. @default undefined */
  signal?: AbortSignal;
  /** None: the link carries its own path parameters and query. */
  params?: never;
};

/**
 * Pages in a row without an item after which a walk stops with a BasiqError: Basiq never sends
 * one, and a server that does could otherwise keep a caller's loop waiting for ever.
 */
const MAX_EMPTY_PAGES = 100;

/** A path without its trailing slashes, percent-decoded; undefined when its encoding is malformed. */
function comparable(pathname: string): string | undefined {
  try {
    return decodeURIComponent(pathname).replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}

/**
 * The query of `links.next` (its `next` cursor and any other parameter it carries), checked to
 * point at the same path: its origin is dropped, so the bearer token only ever goes to baseUrl.
 */
function nextQuery(link: unknown, expectedPath: string, template: string): Record<string, string> | undefined {
  if (link === undefined || link === null || link === "") return undefined;
  let url: URL;
  try {
    url = new URL(String(link), BASE_URL);
  } catch {
    throw new BasiqError(`GET ${template}: links.next is not a URL`, { method: "GET", path: template });
  }
  const linkPath = comparable(url.pathname);
  if (linkPath === undefined) throw new BasiqError(`GET ${template}: links.next has a malformed path (bad percent-encoding); refusing to follow it`, { method: "GET", path: template });
  if (linkPath !== comparable(expectedPath)) {
    throw new BasiqError(`GET ${template}: links.next points at another path (${url.pathname}); refusing to follow it`, { method: "GET", path: template });
  }
  const query = Object.fromEntries(url.searchParams);
  return query.next ? query : undefined;
}

/** One page's parsed body (the Response stays here, out of the generator's frame while it yields). */
async function fetchPage(api: BasiqApi, path: string, init: object): Promise<{ data?: unknown[]; links?: { next?: unknown } }> {
  const get = api.GET as unknown as (p: string, i: object) => Promise<{ data?: { data?: unknown[]; links?: { next?: unknown } }; error?: unknown; response: Response }>;
  const { data, error, response } = await get(path, init);
  if (!response.ok) throw apiError("GET", path, response.status, error, response.headers);
  if (data?.data !== undefined && !Array.isArray(data.data)) throw new BasiqError(`GET ${path} is not a list (its data is not an array)`, { method: "GET", path });
  return data ?? {};
}

/**
 * Pages of a list, requested one at a time from the client's own baseUrl. A cursor seen twice
 * ends with a BasiqError (the bound on the loop: the API can't send us round in circles), as do
 * MAX_EMPTY_PAGES empty pages in a row and a links.next for another path or malformed (after its
 * page's items).
 */
export async function* pages<P extends PagedPath>(api: BasiqApi, path: P, init?: PaginateInit<P>): AsyncGenerator<Page<P>, void, undefined> {
  const { cursor: start, ...options } = (init ?? {}) as PaginateInit<P> & { params?: { path?: Record<string, unknown>; query?: Record<string, unknown> } };
  const expectedPath = fillPath(path, options.params?.path);
  const seen = new CursorHistory();
  let emptyRun = 0;
  let extra: Record<string, string> | undefined = start === undefined ? undefined : { next: start };
  for (;;) {
    const cursor = extra?.next;
    if (cursor !== undefined) {
      if (seen.repeated(cursor)) {
        const shown = cursor.length > 100 ? `${cursor.slice(0, 100)}…` : cursor;
        throw new BasiqError(`GET ${path}: the API returned the cursor "${shown}" twice; stopping rather than looping`, { method: "GET", path });
      }
    }
    const query = { ...options.params?.query, ...extra };
    const page = await fetchPage(api, path, { ...options, params: { ...options.params, query } });
    // A bad links.next must not cost this page's items: yield them, then fail.
    let badLink: unknown;
    try {
      extra = nextQuery(page.links?.next, expectedPath, path);
    } catch (problem) {
      badLink = problem;
      extra = undefined;
    }
    const data = (page.data ?? []) as PageItem<P>[];
    yield { data, next: extra?.next };
    if (badLink !== undefined) throw badLink;
    if (extra === undefined) return;
    emptyRun = data.length === 0 ? emptyRun + 1 : 0;
    if (emptyRun >= MAX_EMPTY_PAGES) {
      throw new BasiqError(`GET ${path}: ${MAX_EMPTY_PAGES} pages in a row without an item, each with a next cursor; stopping rather than paging on`, { method: "GET", path });
    }
  }
}

/**
 * Pages of the list a link the API returned points at (e.g. a `transactions.updated` event's
 * links.eventEntity), its query kept: a link on baseUrl's origin or Basiq's own (`https://au-api.basiq.io`)
 * is taken, any other refused before anything is sent; every page is requested from baseUrl.
 */
export async function* linkPages<P extends PagedPath>(api: BasiqApi, baseUrl: string, link: string | URL, init: LinkPaginateInit<P> = {}): AsyncGenerator<Page<P>, void, undefined> {
  const { expect, ...options } = init;
  const match = resolveLink(link, baseUrl, "pages");
  if (expect !== undefined && match.template !== expect) {
    throw new BasiqError(`pages: the link points at ${match.template}, not the expected ${expect}`, { method: "GET", path: match.template });
  }
  yield* pages(api, match.template as P, { ...options, params: { path: match.path, query: match.query } } as PaginateInit<P>);
}

/** Every item of a list, page after page (one page in memory at a time). */
export async function* items<P extends PagedPath>(pagesOf: AsyncIterable<Page<P>>): AsyncGenerator<PageItem<P>, void, undefined> {
  for await (const page of pagesOf) yield* page.data;
}
