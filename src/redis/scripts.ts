// The Lua behind redisStore's values, locks, pauses and GCRA buckets: each BasiqStore method is one
// script, so every method is atomic on its key and times come from Redis's own clock (TIME), which
// every process agrees on. Scripts that read TIME and then write need effects replication: the
// default since Redis 5. The limiter's two steps are in limit-lua.ts, admit-lua.ts and refuse-lua.ts.

/** The value at KEYS[1] (nil when absent). */
export const GET = `return redis.call('GET', KEYS[1])`;

/** KEYS[1] = ARGV[1] for ARGV[2] ms. */
export const SET = `redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** Deletes KEYS[1] only while it holds ARGV[1] (unlock, and forgetting a refused token). */
export const DELETE_IF = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;

/** Takes KEYS[1] for owner ARGV[1] for ARGV[2] ms when free: 1 when taken, else 0. */
export const LOCK = `if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return 1
end
return 0`;

/** Redis's clock in ms (fractional), as `now`. */
export const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000`;

/**
 * Raises the pause at KEYS[1] to end at least ARGV[1] ms from now (0 only reads it); returns the
 * whole ms it still has to run (0: none). Only a raise writes.
 */
export const PAUSE = `${NOW}
now = math.floor(now)
local untilMs = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local ms = math.ceil(tonumber(ARGV[1]))
if ms > 0 and now + ms > untilMs then
  untilMs = now + ms
  redis.call('SET', KEYS[1], string.format('%d', untilMs), 'PX', ms)
end
if untilMs > now then
  return untilMs - now
end
return 0`;

/**
 * GCRA on KEYS[1], as MemoryStore.take does it: ARGV = interval ms, tolerance ms (interval x
 * (burst - 1)), max wait ms. The key holds the theoretical arrival time (TAT). Returns
 * {granted 1|0, wait ms}; a refusal writes nothing.
 */
export const TAKE = `${NOW}
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local maxWait = tonumber(ARGV[3])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tat < now then
  tat = now
end
local wait = math.ceil(tat - tolerance - now)
if wait < 0 then
  wait = 0
end
if wait > maxWait then
  return {0, wait}
end
local nextTat = tat + interval
redis.call('SET', KEYS[1], string.format('%.3f', nextTat), 'PX', math.max(1, math.ceil(nextTat - now + tolerance)))
return {1, wait}`;
