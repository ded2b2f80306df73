/**
 * basiq/redis: a {@link BasiqStore} on Redis, so every process on one API key shares one token and
 * one rate limiter. Works with node-redis (v4+), ioredis, and clients with Upstash's calls
 * (`eval(script, keys, args)`, e.g. `@upstash/redis` on edge runtimes). Imports no Redis library and
 * no Node built-in: the client is yours.
 * @example
 * import { createClient } from "redis";
 * import { redisStore } from "basiq/redis";
 * const redis = await createClient({ url: process.env.REDIS_URL }).on("error", console.error).connect();
 * const basiq = new Basiq({ apiKey, store: redisStore(redis) });
 * @packageDocumentation
 */
import type { AdmitRequest, AdmitResult, BasiqStore, BucketRate, RefusalReport, RefusalResult, TakeResult } from "../store.js";
import { ADMIT } from "./admit-lua.js";
import { REFUSE } from "./refuse-lua.js";
import { DELETE_IF, GET, LOCK, PAUSE, SET, TAKE } from "./scripts.js";

/** node-redis v4+ (`createClient`, `createCluster`): `eval(script, { keys, arguments })`. */
export interface NodeRedisLike {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha(sha: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

/** ioredis (`Redis`, `Cluster`): `eval(script, numKeys, ...keysAndArgs)`. */
export interface IoRedisLike {
  eval(script: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  evalsha(sha: string, numKeys: number, ...keysAndArgs: string[]): Promise<unknown>;
  defineCommand(...args: never[]): unknown;
}

/** Upstash's `@upstash/redis` and clients like it: `eval(script, keys, args)`. */
export interface KeysArgsRedisLike {
  eval(script: string, keys: string[], args: string[]): Promise<unknown>;
  evalsha(sha: string, keys: string[], args: string[]): Promise<unknown>;
}

/** A Redis client {@link redisStore} can use. */
export type RedisClientLike = NodeRedisLike | IoRedisLike | KeysArgsRedisLike;

/** Options of {@link redisStore}. */
export interface RedisStoreOptions {
  /** Prefix of every key this store writes (then a hash of the API key, then the name). @default "basiq:" */
  prefix?: string;
}

/** Runs a script by its SHA-1 or its source. */
type Runner = (kind: "sha" | "script", body: string, keys: string[], args: string[]) => Promise<unknown>;

/** The call shape of `client`, told apart by the methods each library has. */
function runnerFor(client: RedisClientLike): Runner {
  const c = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  if (typeof c.evalSha === "function") {
    return (kind, body, keys, args) => (kind === "sha" ? c.evalSha!(body, { keys, arguments: args }) : c.eval!(body, { keys, arguments: args }));
  }
  if (typeof c.defineCommand === "function") {
    return (kind, body, keys, args) => (kind === "sha" ? c.evalsha! : c.eval!).call(client, body, keys.length, ...keys, ...args);
  }
  if (typeof c.evalsha === "function" && typeof c.eval === "function") {
    return (kind, body, keys, args) => (kind === "sha" ? c.evalsha!(body, keys, args) : c.eval!(body, keys, args));
  }
  throw new TypeError("redisStore(client) needs a node-redis (v4+), ioredis or Upstash-style client (with eval and evalsha)");
}

async function sha1(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text)));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * A reply as text. Upstash's client parses replies that look like JSON (so "123" arrives as 123);
 * node-redis may hand over bytes: all become the string Redis holds.
 */
function text(reply: unknown): string | undefined {
  if (reply === null || reply === undefined) return undefined;
  if (typeof reply === "string") return reply;
  if (reply instanceof Uint8Array) return new TextDecoder().decode(reply);
  return typeof reply === "object" ? JSON.stringify(reply) : String(reply);
}

/**
 * A store on Redis. Each method is one Lua script (EVALSHA, loading it by EVAL the first time a
 * server lacks it), atomic on its key, timed by Redis's clock; every key expires by its TTL.
 * @example new Basiq({ apiKey, store: redisStore(redis, { prefix: "myapp:basiq:" }) })
 */
export function redisStore(client: RedisClientLike, options: RedisStoreOptions = {}): BasiqStore {
  const run = runnerFor(client);
  const prefix = options.prefix ?? "basiq:";
  const shas = new Map<string, Promise<string>>();

  async function call(script: string, key: string, ...args: string[]): Promise<unknown> {
    const keys = [prefix + key];
    let sha = shas.get(script);
    if (!sha) shas.set(script, (sha = sha1(script)));
    try {
      return await run("sha", await sha, keys, args);
    } catch (error) {
      if (!String((error as Error)?.message ?? error).includes("NOSCRIPT")) throw error;
      return run("script", script, keys, args); // EVAL also caches the script for the next EVALSHA
    }
  }

  const ms = (value: number) => String(Math.max(1, Math.ceil(value)));
  /** A number Lua can parse ("Infinity" it cannot): capped at about 30,000 years of ms. */
  const num = (value: number) => String(Number.isFinite(value) ? value : 1e15);

  return {
    get: async (key) => text(await call(GET, key)),
    set: async (key, value, ttlMs) => void (await call(SET, key, value, ms(ttlMs))),
    deleteIf: async (key, value) => void (await call(DELETE_IF, key, value)),
    lock: async (key, owner, ttlMs) => Number(await call(LOCK, key, owner, ms(ttlMs))) === 1,
    unlock: async (key, owner) => void (await call(DELETE_IF, key, owner)),
    pause: async (key, pauseMs) => Number(await call(PAUSE, key, String(Math.max(0, Math.ceil(pauseMs))))) || 0,
    async take(key: string, rate: BucketRate): Promise<TakeResult> {
      const interval = 1000 / rate.ratePerSec;
      const tolerance = interval * Math.max(0, rate.burst - 1);
      const reply = await call(TAKE, key, num(interval), num(tolerance), num(Math.max(0, rate.maxWaitMs)));
      const [granted, waitMs] = Array.isArray(reply) ? reply : [];
      return { granted: Number(granted) === 1, waitMs: Number(waitMs) || 0 };
    },
    async admit(key: string, request: AdmitRequest): Promise<AdmitResult> {
      const reply = await call(ADMIT, key, num(request.ceiling), String(request.burst), num(Math.max(0, request.maxWaitMs)), String(request.ok), String(request.okSince), request.probe ? "1" : "0", String(request.count ?? 1));
      const [granted, waitMs, pausedMs, now, since, ramp, ...lease] = Array.isArray(reply) ? reply : [];
      return { granted: Number(granted) === 1, waitMs: Number(waitMs) || 0, pausedMs: Number(pausedMs) || 0, now: Number(now) || Date.now(), since: Number(since) || 0, leaseMs: lease.map((w) => Number(w) || 0), ramp: Number(ramp) === 1 };
    },
    async refuse(key: string, report: RefusalReport): Promise<RefusalResult> {
      const retryAfter = report.retryAfterMs === undefined ? "-1" : num(Math.max(0, report.retryAfterMs));
      const reply = await call(REFUSE, key, num(report.sentAt), retryAfter, num(report.ceiling), report.adapt ? "1" : "0", String(report.random), String(report.ok), String(report.okSince), report.since === undefined ? "-1" : String(report.since));
      const [pauseMs, fresh] = Array.isArray(reply) ? reply : [];
      return { pauseMs: Number(pauseMs) || 0, fresh: Number(fresh) === 1 };
    },
  };
}

export type { AdmitRequest, AdmitResult, BasiqStore, BucketRate, RefusalReport, RefusalResult, TakeResult } from "../store.js";
