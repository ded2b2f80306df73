// Type-level tests for basiq/redis (checked by tsc in test/typecheck.test.ts): the clients users
// have are accepted as they are, without casts; something else is refused.
import { Basiq, MemoryStore, type BasiqStore } from "basiq";
import { redisStore } from "basiq/redis";
import { Cluster, Redis } from "ioredis";
import { createClient, createCluster } from "redis";

export function storeTypes() {
  const stores: BasiqStore[] = [
    redisStore(createClient()),
    redisStore(createCluster({ rootNodes: [] })),
    redisStore(new Redis()),
    redisStore(new Cluster([])),
    // Upstash's @upstash/redis signatures: eval(script, keys, args), evalsha(sha, keys, args).
    redisStore({ eval: async (_s: string, _k: string[], _a: unknown[]) => null, evalsha: async (_s: string, _k: string[], _a: unknown[]) => null }),
    new MemoryStore(),
  ];
  // @ts-expect-error a client without eval/evalsha cannot be a store
  redisStore({ get: async (key: string) => key });
  return stores.map((store) => new Basiq({ apiKey: "k", store }));
}
