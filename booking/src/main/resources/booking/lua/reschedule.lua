-- reschedule: moves a booking to a new slot (same or another studio) in one step. If the new slot
-- is taken the booking keeps its old slot untouched; with an admin override the bookings in the way
-- are displaced. The live session keeps its room and stream key; its grant window moves along.
-- KEYS: 1 booking, 2 old slots, 3 old ends, 4 new slots, 5 new ends, 6 old studio bookings,
--       7 new studio bookings, 8 merchant bookings, 9 session, 10 sessions, 11 merchant sessions
-- ARGV: 1 booking id, 2 old studio (as checked by the caller), 3 new studio, 4 start, 5 end,
--       6 buffer, 7 override (1/0), 8 now, 9 valid from, 10 valid until, 11 time zone,
--       12 key prefix, 13 by admin (1/0), 14 old start (as checked by the caller)
local s, e, b = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local function fmt(n) return string.format('%d', n) end
local m = redis.call('HMGET', KEYS[1], 'status', 'studio', 'start', 'room')
if not m[1] then
  return {'missing'}
end
if m[1] ~= 'active' then
  return {'not_active', m[1]}
end
if m[2] ~= ARGV[2] or m[3] ~= ARGV[14] then
  return {'moved'}
end
if ARGV[13] ~= '1' and tonumber(m[3]) <= tonumber(ARGV[8]) then
  return {'started'}
end

local found = {}
local offset = 0
while true do
  local ids = redis.call('ZREVRANGEBYSCORE', KEYS[4], '(' .. fmt(e + b), '-inf', 'LIMIT', offset, 8)
  if #ids == 0 then break end
  local clear = false
  for _, id in ipairs(ids) do
    if id ~= ARGV[1] then
      if tonumber(redis.call('HGET', KEYS[5], id)) + b > s then
        table.insert(found, id)
      else
        clear = true
        break
      end
    end
  end
  if clear then break end
  offset = offset + #ids
end

if #found > 0 and ARGV[7] ~= '1' then
  local first = found[#found]
  return {'conflict', first, redis.call('ZSCORE', KEYS[4], first), redis.call('HGET', KEYS[5], first)}
end

for _, id in ipairs(found) do
  local bookingKey = ARGV[12] .. 'booking:' .. id
  local room = redis.call('HGET', bookingKey, 'room')
  redis.call('ZREM', KEYS[4], id)
  redis.call('HDEL', KEYS[5], id)
  redis.call('HSET', bookingKey, 'status', 'displaced', 'cancelledAt', ARGV[8], 'displacedBy', ARGV[1])
  redis.call('HSET', ARGV[12] .. 'session:' .. room, 'status', 'cancelled')
  redis.call('ZREM', KEYS[10], room)
end

redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('ZREM', KEYS[6], ARGV[1])
redis.call('ZADD', KEYS[4], ARGV[4], ARGV[1])
redis.call('HSET', KEYS[5], ARGV[1], ARGV[5])
redis.call('ZADD', KEYS[7], ARGV[4], ARGV[1])
redis.call('ZADD', KEYS[8], ARGV[4], ARGV[1])
redis.call('HSET', KEYS[1], 'studio', ARGV[3], 'start', ARGV[4], 'end', ARGV[5], 'zone', ARGV[11],
  'rescheduledAt', ARGV[8])
redis.call('HSET', KEYS[9], 'studio', ARGV[3], 'start', ARGV[4], 'end', ARGV[5], 'zone', ARGV[11],
  'validFrom', ARGV[9], 'validUntil', ARGV[10])
redis.call('ZADD', KEYS[10], ARGV[10], m[4])
redis.call('ZADD', KEYS[11], ARGV[4], m[4])
local reply = {'ok'}
for _, id in ipairs(found) do table.insert(reply, id) end
return reply
