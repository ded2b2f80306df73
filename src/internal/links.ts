// Links the API returns (a job's links.source, a step's result.url, an event's links.eventEntity),
// matched to the GET operation they name: the template, its path parameters and the link's query.
import { operationTable } from "../../generated/operations.js";
import { BasiqError } from "../errors.js";
import { BASE_URL } from "./base-url.js";

type Table = typeof operationTable;

/** Every GET operation: what a link can name. */
export type LinkOperationId = { [Id in keyof Table]: Table[Id]["method"] extends "GET" ? Id : never }[keyof Table];

/** A link matched to its operation. */
export interface LinkMatch {
  operationId: LinkOperationId;
  /** The operation's path template, e.g. "/users/{userId}/connections/{connectionId}". */
  template: string;
  /** The path parameters, decoded. */
  path: Record<string, string>;
  /** The link's query (a repeated name becomes an array). */
  query: Record<string, string | string[]>;
}

interface Route {
  operationId: LinkOperationId;
  template: string;
  /** Each segment: a literal, or `{ name }` for a parameter. */
  segments: Array<string | { name: string }>;
}

/** The GET routes, most specific first: at the first segment where two differ, a literal beats a parameter ("/reports/types" before "/reports/{id}"). */
const ROUTES: Route[] = Object.entries(operationTable)
  .filter(([, op]) => op.method === "GET")
  .map(([operationId, op]) => ({
    operationId: operationId as LinkOperationId,
    template: op.path,
    segments: op.path.split("/").slice(1).map((segment) => (/^\{.+\}$/.test(segment) ? { name: segment.slice(1, -1) } : segment)),
  }))
  .sort((a, b) => {
    if (a.segments.length !== b.segments.length) return a.segments.length - b.segments.length;
    for (let i = 0; i < a.segments.length; i++) {
      const literalA = typeof a.segments[i] === "string";
      if (literalA !== (typeof b.segments[i] === "string")) return literalA ? -1 : 1;
    }
    return 0;
  });

/** The path templates of the GET operations (a string here is a template, not a link). */
const TEMPLATES = new Set(ROUTES.map((route) => route.template));

/** True when `value` is a GET operation's path template (e.g. "/users/{userId}/transactions"). */
export const isTemplate = (value: unknown): boolean => typeof value === "string" && TEMPLATES.has(value);

/**
 * Basiq's own API origin: the API writes it into every link it returns, even when the client's
 * baseUrl is a proxy, a recorder or the sandbox, so a link on it is accepted too (and still sent
 * to baseUrl: the origin only decides whether the link is taken, never where it goes).
 */
const BASIQ_API_ORIGIN = BASE_URL;

/**
 * The URL of `link`, resolved against `baseUrl`, when its origin is baseUrl's or Basiq's own API
 * origin; any other origin is a BasiqError (the caller then sends nothing: the bearer token goes
 * to baseUrl only).
 */
function linkUrl(link: unknown, baseUrl: string, what: string): URL {
  if (typeof link !== "string" && !(link instanceof URL)) throw new BasiqError(`${what} needs a link: a URL or path string the API returned`);
  let url: URL;
  try {
    url = new URL(link, `${baseUrl}/`);
  } catch {
    throw new BasiqError(`${what}: the link is not a URL`);
  }
  const base = new URL(baseUrl);
  if (url.origin !== base.origin && url.origin !== BASIQ_API_ORIGIN) {
    const accepted = base.origin === BASIQ_API_ORIGIN ? `${BASIQ_API_ORIGIN} (baseUrl)` : `${base.origin} (baseUrl) and ${BASIQ_API_ORIGIN}`;
    throw new BasiqError(`${what}: refusing a link to ${url.protocol === "http:" || url.protocol === "https:" ? url.origin : `a ${url.protocol} URL`}; links are accepted from ${accepted} only, and sent to baseUrl`);
  }
  return url;
}

/** The operation a path names (and its parameters), or undefined when none does. */
export function matchPath(pathname: string): Omit<LinkMatch, "query"> | undefined {
  const parts = pathname.replace(/\/+$/, "").split("/").slice(1);
  for (const route of ROUTES) {
    if (route.segments.length !== parts.length) continue;
    const path: Record<string, string> = {};
    const fits = route.segments.every((segment, i) => {
      const part = parts[i]!;
      if (typeof segment === "string") return part === segment;
      let value: string;
      try {
        value = decodeURIComponent(part);
      } catch {
        return false;
      }
      // Nothing that would change the path once re-encoded (a dot segment, an empty one).
      if (value === "" || value === "." || value === "..") return false;
      path[segment.name] = value;
      return true;
    });
    if (fits) return { operationId: route.operationId, template: route.template, path };
  }
  return undefined;
}

/** The query of a URL as openapi-fetch takes it (a repeated name as an array, which it writes back the same). */
export function queryOf(url: URL): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of url.searchParams) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/**
 * A link the API returned, checked against the accepted origins (baseUrl's, Basiq's) and matched to a GET operation;
 * a BasiqError when it names none. A path prefix of baseUrl (a proxy's) is dropped first.
 */
export function resolveLink(link: unknown, baseUrl: string, what: string): LinkMatch {
  const url = linkUrl(link, baseUrl, what);
  const base = new URL(baseUrl);
  // A link on baseUrl's own origin carries its path prefix (a proxy's); Basiq's links never do.
  const prefix = url.origin === base.origin ? base.pathname.replace(/\/+$/, "") : "";
  const pathname = prefix !== "" && url.pathname.startsWith(`${prefix}/`) ? url.pathname.slice(prefix.length) : url.pathname;
  const match = matchPath(pathname);
  if (!match) throw new BasiqError(`${what}: no GET operation of the Basiq API has the path ${pathname.slice(0, 200)}`);
  return { ...match, query: queryOf(url) };
}
