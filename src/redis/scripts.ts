// The Lua behind redisStore: each BasiqStore method is one script, so every method is atomic on
// its key and times come from Redis's own clock (TIME), which every process agrees on. Scripts
// that read TIME and then write need effects replication: the default since Redis 5.
import { BETA, BISECTIONS, DOUBLING_MS, LEFT, MEASURED_BETA, MIN_RATE, MIN_RECOVERY_S, PROBE_RATE, RECOVERY_PER_PAUSE_S, UNLIMITED_FROM } from "../internal/adaptive-rate.js";
import { LEASE_MS, MAX_PAUSE_MS, PAUSE_BASE_MS, PAUSE_MAX_MS, SLOT_MS, SLOTS, STATE_TTL_MS, TRAIL_MAX } from "../internal/limit-state.js";

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

/** Redis's clock in ms (fractional). */
const NOW = `local t = redis.call('TIME')
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

/** The limiter's arithmetic in Lua, from the same constants as src/internal/adaptive-rate.ts and limit-state.ts. */
const LIMIT_FUNCTIONS = `local BETA, MEASURED_BETA, MIN_RECOVERY_S, RECOVERY_PER_PAUSE_S = ${BETA}, ${MEASURED_BETA}, ${MIN_RECOVERY_S}, ${RECOVERY_PER_PAUSE_S}
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

/**
 * BasiqStore.admit (src/internal/limit-state.ts admitStep) on KEYS[1], on Redis's clock. ARGV =
 * ceiling (1e15: none), burst, max wait ms, successes, their curve's since, probe 1|0, count. Returns {granted 1|0,
 * wait ms, paused ms, now, since, ramp 1|0, further slots' wait ms...} (numbers as text: Redis would truncate Lua's to integers).
 */
export const ADMIT = `${LIMIT_FUNCTIONS}
local ceiling, burst, maxWait = inf(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local wanted = math.max(1, math.floor(tonumber(ARGV[7]) or 1))
local lease = {}
local s = load(ARGV[6] == '1')
count(s, tonumber(ARGV[4]))
local rate = rate_at(s.curve, now, ceiling)
if s.curve and s.curve.mode ~= 'cubic' and rate == math.huge then s.curve = nil end
local pausedMs = math.max(0, s['until'] - now)
local start = now + pausedMs
local wait, nextTat = pausedMs, start
if rate < math.huge then
  local interval = 1000 / rate
  local tolerance = 0
  if s.curve and s.curve.mode == 'probe' then tolerance = (1000 / s.curve.rate) * math.max(0, burst - 1) end
  local tat = math.max(s.tat, start)
  wait = math.max(pausedMs, tat - tolerance - now)
  nextTat = tat + interval
  local leased = 1
  if (not s.curve) or s.curve.mode == 'cubic' then leased = wanted end
  for i = 2, leased do
    local w = math.max(pausedMs, nextTat - tolerance - now)
    if w > wait + ${LEASE_MS} then break end
    lease[#lease + 1] = w
    nextTat = nextTat + interval
  end
else
  for i = 2, wanted do lease[#lease + 1] = pausedMs end
end
local granted = 0
if wait <= maxWait then
  granted = 1
  s.tat = nextTat
  local i = s.slot % SLOTS + 1
  s.sent[i] = s.sent[i] + 1 + #lease
  remember(s, now + wait)
  for j = 1, #lease do remember(s, now + lease[j]) end
end
local since, ramp = 0, 0
if s.curve then since = s.curve.since end
if s.curve and s.curve.mode ~= 'cubic' then ramp = 1 end
save(s)
local reply = {granted, f(wait), f(pausedMs), f(now), string.format('%d', since), ramp}
if granted == 1 then
  for i = 1, #lease do reply[#reply + 1] = f(lease[i]) end
end
return reply`;

/**
 * BasiqStore.refuse (src/internal/limit-state.ts refuseStep and adaptive-rate.ts afterRefusal) on
 * KEYS[1], on Redis's clock. ARGV = the refused send's time, Retry-After ms (-1: none), ceiling,
 * adapt 1|0, random, successes, their curve's since, the refused send's curve's since (-1: sentAt tells). Returns {pause ms left, fresh 1|0}.
 */
export const REFUSE = `${LIMIT_FUNCTIONS}
local LEFT, BISECTIONS = ${LEFT}, ${BISECTIONS}
local function tokens_left(e, depth, r)
  local tokens = depth
  if e.refillS >= 0 then tokens = math.min(depth, r * e.refillS) end
  local last = 0
  for i = 1, #e.times do
    tokens = math.min(depth, tokens + r * (e.times[i] - last) / 1000) - 1
    last = e.times[i]
  end
  return math.min(depth, tokens + r * (e.at - last) / 1000)
end
local function episode_rate(e, depth)
  local low, high = MIN_RATE, UNLIMITED_FROM
  if tokens_left(e, depth, low) >= LEFT then return MIN_RATE end
  for i = 1, BISECTIONS do
    local mid = (low + high) / 2
    if tokens_left(e, depth, mid) >= LEFT then high = mid else low = mid end
  end
  return (low + high) / 2
end
local function episode_of(s, sentAt)
  if #s.trail == 0 or #s.trail >= ${TRAIL_MAX} then return nil end
  local at = sentAt - s.trailStart
  local times = {}
  for i = 1, #s.trail do
    if s.trail[i] < at then times[#times + 1] = s.trail[i] end
  end
  if #times == 0 then return nil end
  local refillS = -1
  if s.curve and s.curve.mode == 'slow' then refillS = s.curve.pauseS end
  return { times = times, at = at, refillS = refillS }
end
local function after_refusal(c, at, pause, ceiling, m)
  local current = rate_at(c, at, ceiling)
  local since = math.floor(at + pause)
  local pauseS = pause / 1000
  local recoveryS = math.max(MIN_RECOVERY_S, RECOVERY_PER_PAUSE_S * pauseS)
  if (not c) or c.mode == 'probe' or current == math.huge then
    return { mode = 'slow', rate = math.min(current, math.max(MIN_RATE, m.okLastSecond, BETA * m.sentPerSecond)), since = since, recoveryS = recoveryS, beta = BETA, pauseS = pauseS }
  end
  if c.mode == 'slow' and m.episode and m.depth > 0 then
    local estimate = episode_rate(m.episode, m.depth)
    return { mode = 'cubic', rate = math.max(MIN_RATE, math.min(current, estimate)), since = since, recoveryS = recoveryS, beta = MEASURED_BETA, pauseS = pauseS }
  end
  local refused = math.min(current, math.max(m.okLastSecond, BETA * m.sentPerSecond))
  return { mode = 'cubic', rate = math.max(MIN_RATE, refused), since = since, recoveryS = recoveryS, beta = BETA, pauseS = pauseS }
end
local sentAt, retryAfter, ceiling, adapt, random = tonumber(ARGV[1]), tonumber(ARGV[2]), inf(ARGV[3]), ARGV[4] == '1', tonumber(ARGV[5])
local s = load(false)
count(s, tonumber(ARGV[6]))
local fresh = 1
if not adapt then
  if retryAfter >= 0 then s['until'] = math.max(s['until'], now + math.min(retryAfter, MAX_PAUSE_MS)) end
elseif s.curve and ((tonumber(ARGV[8]) or -1) >= 0 and tonumber(ARGV[8]) or sentAt) < s.curve.since then
  fresh = 0
else
  s.refusals = s.refusals + 1
  local pause
  if retryAfter < 0 then
    pause = random * math.min(PAUSE_MAX_MS, PAUSE_BASE_MS * 2 ^ (s.refusals - 1))
  else
    pause = math.min(retryAfter, MAX_PAUSE_MS)
  end
  local windowSlots = 3
  if not (s.curve and s.curve.mode == 'slow') then
    local since = 0
    if s.curve then since = s.curve.since end
    windowSlots = math.min(SLOTS, math.max(2, math.floor((now - since) / SLOT_MS + 0.5)))
  end
  local episode = episode_of(s, sentAt)
  local m = { okLastSecond = recent(s.ok, s.slot, SLOTS), sentPerSecond = recent(s.sent, s.slot, windowSlots) / (windowSlots * SLOT_MS / 1000), episode = episode, depth = s.depth }
  if (not s.curve) and #s.trail > 0 and now - s.trailStart < 1000 then s.depth = m.okLastSecond end
  s.curve = after_refusal(s.curve, now, pause, ceiling, m)
  s.trail = {}
  s.trailStart = s.curve.since
  s['until'] = math.max(s['until'], now + pause)
  s.tat = math.max(s['until'], s.tat)
  if s.curve.mode == 'cubic' and retryAfter < 0 then s.tat = math.max(s.tat, s['until'] + math.max(0, 1000 / rate_at(s.curve, s.curve.since, ceiling) - pause)) end
end
save(s)
return {f(math.max(0, s['until'] - now)), fresh}`;
