// An injected fetch for unit tests: answers POST /token itself and routes the rest to a handler,
// recording every request it saw (method, path, auth header and body text).

export interface Seen {
  method: string;
  path: string;
  authorization: string | null;
  body: string;
  headers: Headers;
}

export type Handler = (request: Request, seen: Seen) => Response | Promise<Response>;

export const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(JSON.stringify(body), { status: 200, ...init, headers: { "content-type": "application/json", ...(init.headers as Record<string, string>) } });

/** A fake Basiq: every /token call mints `tok-<n>`; other calls go to `handler`. */
export function fakeBasiq(handler: Handler, { expiresIn = 3600 } = {}) {
  const seen: Seen[] = [];
  let minted = 0;
  const fetch = async (request: Request): Promise<Response> => {
    const entry: Seen = {
      method: request.method,
      path: new URL(request.url).pathname,
      authorization: request.headers.get("authorization"),
      body: await request.text(),
      headers: request.headers,
    };
    seen.push(entry);
    if (entry.path === "/token") return json({ access_token: `tok-${++minted}`, token_type: "Bearer", expires_in: expiresIn });
    return handler(request, entry);
  };
  return {
    fetch,
    seen,
    tokenCalls: () => seen.filter((s) => s.path === "/token"),
    apiCalls: () => seen.filter((s) => s.path !== "/token"),
  };
}

/** Answers each call with the next response of `script` (the last one repeats). */
export function scripted(...script: Array<() => Response | Promise<Response>>): Handler {
  let i = 0;
  return () => script[Math.min(i++, script.length - 1)]!();
}

export const API_KEY = "test-api-key";
export const userPath = { params: { path: { userId: "u1" } } } as const;
