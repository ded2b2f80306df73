// The limiter's arithmetic in Lua (src/internal/limit-state.ts's helpers and adaptive-rate.ts's
// rateAt), shared by the admit and refuse scripts; the constants are the TypeScript's own, so the
// two stores cannot drift apart in them. test/helpers/store-contract.ts holds both to one behaviour.
import { BETA, DOUBLING_MS, MEASURED_BETA, MIN_RATE, MIN_RECOVERY_S, PROBE_RATE, RECOVERY_PER_PAUSE_S, UNLIMITED_FROM } from "../internal/adaptive-rate.js";
import { MAX_PAUSE_MS, PAUSE_BASE_MS, PAUSE_MAX_MS, SLOT_MS, SLOTS, STATE_TTL_MS, TRAIL_MAX } from "../internal/limit-state.js";
import { NOW } from "./scripts.js";

/** The limiter's arithmetic in Lua, from the same constants as src/internal/adaptive-rate.ts and limit-state.ts; defines `now` (NOW). */
export const LIMIT_FUNCTIONS = `local BETA, MEASURED_BETA, MIN_RECOVERY_S, RECOVERY_PER_PAUSE_S = ${BETA}, ${MEASURED_BETA}, ${MIN_RECOVERY_S}, ${RECOVERY_PER_PAUSE_S}
local DOUBLING_MS, PROBE_RATE, MIN_RATE, UNLIMITED_FROM = ${DOUBLING_MS}, ${PROBE_RATE}, ${MIN_RATE}, ${UNLIMITED_FROM}
local SLOT_MS, SLOTS, PAUSE_BASE_MS, PAUSE_MAX_MS, MAX_PAUSE_MS, STATE_TTL_MS = ${SLOT_MS}, ${SLOTS}, ${PAUSE_BASE_MS}, ${PAUSE_MAX_MS}, ${MAX_PAUSE_MS}, ${STATE_TTL_MS}
${NOW}
local function inf(text)
  local v = tonumber(text)
  if v >= 1e15 then return math.huge end
  return v
end
local function rate_at(c, at, ceiling)
  if not c then return ceiling end
  local seconds = math.max(0, at - c.since) / 1000
  if seconds > c.recoveryS then seconds = math.max(c.recoveryS, seconds - (c.holdS or 0)) end
  local r
  if c.mode == 'cubic' then
    r = c.rate * (1 + (1 - c.beta) * ((seconds - c.recoveryS) / c.recoveryS) ^ 3)
  else
    r = c.rate * 2 ^ (seconds * 1000 / DOUBLING_MS)
  end
  if r >= UNLIMITED_FROM then return ceiling end
  return math.min(ceiling, math.max(MIN_RATE, r))
end
local function load(probing)
  local raw = redis.call('GET', KEYS[1])
  local s
  if raw then
    s = cjson.decode(raw)
    if s.curve == cjson.null then s.curve = nil end
  else
    local since = math.floor(now)
    s = { tat = 0, refusals = 0, slot = math.floor(now / SLOT_MS), sent = {}, ok = {}, trail = {}, trailStart = 0, depth = 0 }
    if probing then
      s.curve = { mode = 'probe', rate = PROBE_RATE, since = since, recoveryS = MIN_RECOVERY_S, beta = BETA, pauseS = 0 }
    end
    s['until'] = 0
    for i = 1, SLOTS do s.sent[i] = 0; s.ok[i] = 0 end
  end
  local slot = math.floor(now / SLOT_MS)
  if slot - s.slot >= SLOTS then
    for i = 1, SLOTS do s.sent[i] = 0; s.ok[i] = 0 end
  else
    for x = s.slot + 1, slot do s.sent[x % SLOTS + 1] = 0; s.ok[x % SLOTS + 1] = 0 end
  end
  if slot > s.slot then s.slot = slot end
  return s
end
local function count(s, ok)
  if ok <= 0 then return end
  local i = s.slot % SLOTS + 1
  s.ok[i] = s.ok[i] + ok
  s.refusals = 0
end
local function remember(s, t)
  if (s.curve and s.curve.mode == 'cubic') or #s.trail >= ${TRAIL_MAX} then return end
  if #s.trail == 0 and s.trailStart == 0 then s.trailStart = t end
  s.trail[#s.trail + 1] = math.floor((t - s.trailStart) * 10 + 0.5) / 10
end
local function recent(counts, slot, n)
  local sum = 0
  for i = 0, n - 1 do sum = sum + counts[(slot - i + SLOTS * 2) % SLOTS + 1] end
  return sum
end
local function save(s)
  local ttl = math.ceil(math.max(s['until'], s.tat) - now + STATE_TTL_MS)
  if s.curve == nil then s.curve = cjson.null end
  redis.call('SET', KEYS[1], cjson.encode(s), 'PX', math.max(1, ttl))
end
local function f(x) return string.format('%.3f', x) end`;
