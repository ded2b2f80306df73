// BasiqStore.refuse in Lua for redisStore: src/internal/limit-state.ts refuseStep and
// adaptive-rate.ts afterRefusal (with episodeRate's token-bucket replay) on Redis's clock.
import { BISECTIONS, LEFT } from "../internal/adaptive-rate.js";
import { SAME_SEND_MS, TRAIL_MAX } from "../internal/limit-state.js";
import { LIMIT_FUNCTIONS } from "./limit-lua.js";

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
    if s.trail[i] < at - ${SAME_SEND_MS} then times[#times + 1] = s.trail[i] end
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
  if c and c.mode == 'slow' and m.first and m.depth > 0 then
    return { mode = 'slow', rate = c.rate, since = since, recoveryS = recoveryS, beta = c.beta, pauseS = pauseS }
  end
  if (not c) or c.mode == 'probe' or current == math.huge then
    return { mode = 'slow', rate = math.min(current, math.max(MIN_RATE, m.okLastSecond, BETA * m.sentPerSecond)), since = since, recoveryS = recoveryS, beta = BETA, pauseS = pauseS }
  end
  if c.mode == 'slow' and m.episode and m.depth > 0 then
    local estimate = episode_rate(m.episode, m.depth)
    return { mode = 'cubic', rate = math.max(MIN_RATE, math.min(current, estimate)), since = since, recoveryS = recoveryS, beta = MEASURED_BETA, pauseS = pauseS, holdS = recoveryS }
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
  local m = { okLastSecond = recent(s.ok, s.slot, SLOTS), sentPerSecond = recent(s.sent, s.slot, windowSlots) / (windowSlots * SLOT_MS / 1000), episode = episode, depth = s.depth, first = s.curve ~= nil and s.curve.mode == 'slow' and #s.trail > 0 and #s.trail < ${TRAIL_MAX} and episode == nil }
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
