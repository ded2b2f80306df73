// The Basiq client: wires auth, retries, timeouts and errors around the generated types.
import { type BasiqApi, createApi } from "./api.js";
import { ClientTokens, type TokenSource, authorized, keyTokens, readyTokens, tokenMinter } from "./auth.js";
import { TokenCache } from "./internal/token-cache.js";
import { type ConsentUrlOptions, checkConsentOptions, consentUrl } from "./consent.js";
import { BasiqError } from "./errors.js";
import { type BasiqEventType, type BasiqListener, Events } from "./events.js";
import { abortedOr } from "./internal/abort.js";
import { type Job, type WaitForJobOptions, waitForJob } from "./jobs.js";
import { type FollowInit, type FollowResult, follow } from "./follow.js";
import { isTemplate } from "./internal/links.js";
import { type LinkPaginateInit, type Page, type PagedPath, type PageItem, type PaginateInit, items, linkPages, pages } from "./paginate.js";
import { readEnv } from "./internal/env.js";
import { checkRateLimitOptions, checkRetryOptions } from "./internal/numeric-options.js";
import { checkCredential } from "./credentials.js";
import { describeThrown, type Logger, type LogLevel, levelLogger, parseLogLevel } from "./internal/log.js";
import { GuardedStore, keyNamespace, namespacedStore, tokenNamespace } from "./internal/shared-store.js";
import { Observers, TELEMETRY, type Telemetry } from "./internal/telemetry.js";
import { Limiter, type RateLimitOptions } from "./limiter.js";
import { type Operations, createOps } from "./ops.js";
import { BASE_URL } from "./internal/base-url.js";
import { RETRY_DEFAULTS, type SendFetch } from "./internal/transport/call.js";
import { createTransport } from "./retry.js";
import type { FetchLike, RetryOptions } from "./types.js";
import { type BasiqStore, MemoryStore } from "./store.js";

/** Options of {@link Basiq}. */
export interface BasiqOptions extends RetryOptions {
  /** Basiq API key, sent as `Authorization: Basic <apiKey>` to POST /token only. @default process.env.BASIQ_API_KEY (where an environment exists) */
  apiKey?: string;
  /** A ready bearer token (e.g. CLIENT_ACCESS in a browser or edge function), or a function returning one; no /token call is made. @default undefined */
  token?: string | (() => string | Promise<string>);
  /** API origin. @default "https://au-api.basiq.io" */
  baseUrl?: string;
  /** The fetch to send requests with. @default globalThis.fetch (looked up at call time) */
  fetch?: FetchLike;
  /** The client's rate limiter ({ maxConcurrency, requestsPerSecond, maxRateLimitWaitMs }), or false for none (each call retries on its own, no retry budget). @default {} (on, with its defaults) */
  rateLimit?: RateLimitOptions | false;
  /** Where log lines go: any console-like object. @default console */
  logger?: Logger;
  /** How much to log: "off", "error", "warn" (rate limits), "info" (retries), "debug" (every request and response). @default process.env.BASIQ_LOG where an environment exists, else "off" */
  logLevel?: LogLevel;
  /**
   * Where the state clients share lives (tokens, rate-limit state): `redisStore(client)` from
   * `basiq/redis` shares it with every process on that Redis. A store call that fails or takes over
   * 500 ms is answered from local memory instead (one `warn` log line per outage); never stores the API key.
   * @default new MemoryStore() (this client only)
   */
  store?: BasiqStore;
}

/** The warn line of a store outage: names the failure, never a credential or a stored value. */
function storeFailed(error: unknown): string {
  // Clients quote the command in their messages (Upstash: "... command was: [[\"set\",\"key\",\"<value>\"]]",
  // node-redis and ioredis its arguments): everything from the first quote of a command is dropped.
  const reason = describeThrown(error, 10_000).split(/command was|command:|args:|[[{"']/i)[0]!.replace(/[\s,;:]+$/, "").slice(0, 200);
  return `basiq: the store failed (${reason || "no reason given"}); using local memory until it answers again`;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * The Basiq client.
 * @example
 * const basiq = new Basiq({ apiKey: process.env.BASIQ_API_KEY });
 * const user = await basiq.ops.createUser({ body: { email: "gavin@hooli.com" } });
 */
export class Basiq {
  /** Raw typed paths of all seven specs (openapi-fetch): resolves `{ data, error, response }`. */
  readonly api: BasiqApi;
  /** Every operation by its operationId: resolves the parsed body, throws BasiqError on non-2xx. */
  readonly ops: Operations;
  /** The API origin every request goes to. */
  readonly baseUrl: string;
  readonly #tokens: TokenSource;
  readonly #clientTokens: ClientTokens | undefined;
  readonly #events: Events;
  readonly #observers = new Observers();

  constructor(options: BasiqOptions = {}) {
    const apiKey = options.apiKey ?? readEnv("BASIQ_API_KEY");
    if (!options.token && !apiKey) {
      throw new BasiqError(
        "No Basiq credentials: pass `new Basiq({ apiKey })`, set BASIQ_API_KEY in the environment, " +
        "or pass `token` (a ready bearer token, or a function returning one).",
      );
    }
    // Checked before any header holds it: Headers' TypeError would quote the value.
    if (typeof options.token === "string") checkCredential("token", options.token);
    else if (!options.token) checkCredential("apiKey", apiKey);
    // Numbers out of their documented range are refused here, not discovered as a hang later.
    checkRetryOptions(options);
    checkRateLimitOptions(options.rateLimit);
    this.baseUrl = (options.baseUrl ?? BASE_URL).replace(/\/+$/, "");
    const userFetch = options.fetch;
    // The platform's fetch is handed each attempt's signal and redirect mode as init (CallState.platform).
    const baseFetch: SendFetch = userFetch ?? ((request, init) => globalThis.fetch(request, init));
    const logger = options.logger ?? console;
    const logLevel = options.logLevel ?? parseLogLevel(readEnv("BASIQ_LOG"), "BASIQ_LOG", logger) ?? "off";
    const log = levelLogger(logger, logLevel);
    this.#events = new Events(log);
    // A shared store keeps state per API key, or per ready token (under a hash of it: two tenants'
    // tokens never share a limiter). The default memory store is this client's alone: no namespace.
    const store = options.store
      ? namespacedStore(
        new GuardedStore(options.store, (error) => log.warn(storeFailed(error))),
        () => (options.token ? tokenNamespace(options.token) : keyNamespace(apiKey!)),
      )
      : new MemoryStore();
    // One limiter per client; its pauses, send slots and rate in the store (shared when the store is).
    const limiter = options.rateLimit === false ? undefined : new Limiter(store, options.rateLimit ?? {}, { prefix: "limit:", shared: options.store !== undefined });
    const transport = createTransport(baseFetch, {
      maxRetries: options.maxRetries ?? RETRY_DEFAULTS.maxRetries,
      timeoutMs: options.timeoutMs ?? RETRY_DEFAULTS.timeoutMs,
      retryNonIdempotent: options.retryNonIdempotent ?? RETRY_DEFAULTS.retryNonIdempotent,
      maxResponseBytes: options.maxResponseBytes ?? RETRY_DEFAULTS.maxResponseBytes,
    }, { limiter, events: this.#events, observers: this.#observers, platform: userFetch === undefined, bearer: (signal) => this.#tokens.bearer(signal) });

    if (options.token) {
      this.#tokens = readyTokens(options.token);
    } else {
      const key = apiKey as string;
      const mint = (form: Record<string, string>, storeKey: string) =>
        new TokenCache(tokenMinter(this.baseUrl, key, transport, form), { store, key: storeKey, maxWaitMs: (options.timeoutMs ?? RETRY_DEFAULTS.timeoutMs) / 2 });
      this.#tokens = keyTokens(key, mint({ scope: "SERVER_ACCESS" }, "token:server"));
      this.#clientTokens = new ClientTokens((userId) => mint({ scope: "CLIENT_ACCESS", userId }, `token:client:${userId}`));
    }
    // Prepared Requests (Call.prepared) serve a user's fetch, which takes no init.
    this.api = createApi(this.baseUrl, authorized(transport, this.#tokens), { prepare: userFetch !== undefined });
    this.ops = createOps(this.api);
  }

  /**
   * Calls `listener` with each event of `type`: `request`, `response`, `retry`, `rate-limited`.
   * Events carry the method, path template, status, attempt, timings and correlation id; never a
   * credential, a token or a body.
   * @example basiq.on("rate-limited", (e) => metrics.increment("basiq.429", { path: e.path }));
   */
  on<T extends BasiqEventType>(type: T, listener: BasiqListener<T>): this {
    this.#events.on(type, listener);
    return this;
  }

  /** Stops calling `listener` for events of `type`. */
  off<T extends BasiqEventType>(type: T, listener: BasiqListener<T>): this {
    this.#events.off(type, listener);
    return this;
  }

  /**
   * A CLIENT_ACCESS token bound to `userId`, for the Basiq Consent UI (cached per user until shortly
   * before it expires). Needs an API key. `options.signal` ends this caller's wait for the mint (a
   * BasiqError named "AbortError", the signal's reason as `cause`); the mint goes on for the others.
   */
  async clientToken(userId: string, options: { signal?: AbortSignal } = {}): Promise<string> {
    if (!this.#clientTokens) throw new BasiqError("clientToken() needs an API key: this client was given a ready `token` instead.");
    if (typeof userId !== "string" || userId === "") throw new BasiqError("clientToken(userId) needs the id of a Basiq user (a non-empty string).");
    const { signal } = options;
    try {
      signal?.throwIfAborted();
      return await this.#clientTokens.get(userId, signal);
    } catch (error) {
      throw abortedOr(error, signal, `clientToken(${userId})`);
    }
  }

  /**
   * The Basiq Consent UI URL for `userId`, with a fresh CLIENT_ACCESS token bound to that user
   * (see {@link consentUrl}). Send the user's browser there; the Consent UI redirects back to the
   * URL set in the Basiq dashboard, which {@link parseConsentRedirect} reads. Needs an API key;
   * `options.signal` aborts the wait for the token (see {@link Basiq.clientToken}).
   * @example res.redirect(await basiq.consentUrl(userId, { state: "/onboarding/done" }));
   */
  async consentUrl(userId: string, options: ConsentUrlOptions & { signal?: AbortSignal } = {}): Promise<string> {
    const { signal, ...consent } = options;
    checkConsentOptions(consent); // before minting: a wrong option costs no token
    return consentUrl({ ...consent, token: await this.clientToken(userId, { signal }) });
  }

  /**
   * Pages of a list that carries `links.next` (transactions, reports, webhook messages, ...), one
   * at a time, each with the cursor of the next (`init.cursor` resumes from a saved one). Also
   * takes a link the API returned for such a list (its query kept; `init.expect` names the list,
   * checks the link points at it, and types the items).
   * @example for await (const { data, next } of basiq.pages("/users/{userId}/transactions", { params: { path: { userId } } })) save(next);
   * @example for await (const { data } of basiq.pages(event.links.eventEntity, { expect: "/users/{userId}/transactions" })) store(data);
   */
  pages<P extends PagedPath>(path: P, init?: PaginateInit<P>): AsyncGenerator<Page<P>, void, undefined>;
  pages<P extends PagedPath = PagedPath>(link: string | URL, init?: LinkPaginateInit<P>): AsyncGenerator<Page<P>, void, undefined>;
  pages<P extends PagedPath>(pathOrLink: P | string | URL, init?: PaginateInit<P> | LinkPaginateInit<P>): AsyncGenerator<Page<P>, void, undefined> {
    return isTemplate(pathOrLink)
      ? pages(this.api, pathOrLink as P, init as PaginateInit<P>)
      : linkPages(this.api, this.baseUrl, pathOrLink, init as LinkPaginateInit<P>);
  }

  /**
   * Every item of a list that carries `links.next`, across all its pages (one page in memory), from
   * a path template or a link the API returned for the list (as {@link Basiq.pages}).
   * @example for await (const transaction of basiq.paginate("/users/{userId}/transactions", { params: { path: { userId } } })) total += Number(transaction.amount);
   */
  paginate<P extends PagedPath>(path: P, init?: PaginateInit<P>): AsyncGenerator<PageItem<P>, void, undefined>;
  paginate<P extends PagedPath = PagedPath>(link: string | URL, init?: LinkPaginateInit<P>): AsyncGenerator<PageItem<P>, void, undefined>;
  paginate<P extends PagedPath>(pathOrLink: P | string | URL, init?: PaginateInit<P> | LinkPaginateInit<P>): AsyncGenerator<PageItem<P>, void, undefined> {
    return items(this.pages(pathOrLink as string, init as LinkPaginateInit<P>));
  }

  /**
   * GETs a link the API returned (a job's `links.source`, a step's `result.url`, an event's
   * `links.eventEntity`), absolute or relative, always from this client's baseUrl. A link on
   * baseUrl's origin or on Basiq's own (`https://au-api.basiq.io`, which the API writes into its
   * links even behind a proxy) is taken; one to any other origin is refused and nothing is sent. Resolves `{ operationId, data }`, discriminated by the
   * GET operation the link's path names.
   * @example
   * const r = await basiq.follow(job.links.source);
   * if (r.operationId === "getConnection") console.log(r.data.status);
   */
  follow(link: string | URL, init?: FollowInit): Promise<FollowResult> {
    return follow(this.api, this.baseUrl, link, init);
  }

  /**
   * Polls GET /jobs/{jobId} until the job (or `options.until` its step) is done; resolves the job.
   * Rejects with JobFailedError on a failed step, JobTimeoutError at the deadline.
   */
  waitForJob(jobOrId: string | { id?: string; steps?: unknown }, options?: WaitForJobOptions): Promise<Job> {
    return waitForJob(this.api, jobOrId, options);
  }

  /** Attaches an instrumentation (basiq/otel's `instrument`): told about every call and attempt; returns its remover. @internal */
  [TELEMETRY](telemetry: Telemetry): () => void {
    return this.#observers.add(telemetry);
  }

  /** The client's settings without credentials (what JSON.stringify prints). */
  toJSON(): { baseUrl: string; auth: "apiKey" | "token" } {
    return { baseUrl: this.baseUrl, auth: this.#tokens.apiKey === undefined ? "token" : "apiKey" };
  }

  /** What util.inspect / console.log print: no credentials. */
  [INSPECT](): string {
    return `Basiq ${JSON.stringify(this.toJSON())}`;
  }
}
