// Routes are keyed by method and the specs' own path templates ("/users/{userId}/accounts"), never
// by operationId, so renaming an operation never touches the sandbox.

/** What a route handler gets: the request, its named path parameters (decoded) and its URL. */
export interface RouteContext {
  request: Request;
  params: Record<string, string>;
  url: URL;
}

/** One endpoint: its method, its path template, and what it answers. */
export interface Route {
  method: string;
  path: string;
  handle: (context: RouteContext) => Response | Promise<Response>;
}

interface Compiled extends Route {
  pattern: RegExp;
  names: string[];
  literals: number;
}

/** A path segment decoded; one that is not valid percent-encoding is kept as it came. */
function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A route (a small constructor, so tables read as `route("GET", "/users/{userId}", ...)`). */
export const route = (method: string, path: string, handle: Route["handle"]): Route => ({ method, path, handle });

/** The match of a request's method and pathname, with its parameters; undefined when no route has it. */
export type Match = { route: Route; params: Record<string, string> } | undefined;

/**
 * Compiles routes into a matcher. Templates with more literal segments win, so `/events/types`
 * is not read as `/events/{id}` with id "types".
 */
export function router(routes: Route[]): (method: string, pathname: string) => Match {
  const compiled: Compiled[] = routes.map((r) => {
    const names: string[] = [];
    const source = r.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    return { ...r, pattern: new RegExp(`^${source}$`), names, literals: r.path.split("/").filter((s) => s && !s.startsWith("{")).length };
  }).sort((a, b) => b.literals - a.literals);
  return (method, pathname) => {
    for (const r of compiled) {
      if (r.method !== method) continue;
      const match = r.pattern.exec(pathname);
      if (!match) continue;
      const params: Record<string, string> = {};
      r.names.forEach((name, i) => { params[name] = decode(match[i + 1]!); });
      return { route: r, params };
    }
    return undefined;
  };
}
