// BasiqStore.admit in Lua for redisStore: src/internal/limit-state.ts admitStep on Redis's clock.
import { LEASE_MS } from "../internal/limit-state.js";
import { LIMIT_FUNCTIONS } from "./limit-lua.js";

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
