-- book: puts a booking on a studio's slots unless it overlaps another one (with the changeover
-- buffer on either side) and creates its live session with the stream-key grant, all at once.
-- With an admin override the bookings in the way are displaced instead (their sessions cancelled).
-- KEYS: 1 slots, 2 ends, 3 studio bookings, 4 booking, 5 merchant bookings, 6 session, 7 sessions,
--       8 merchant sessions
-- ARGV: 1 booking id, 2 start, 3 end, 4 buffer, 5 override (1/0), 6 now, 7 studio, 8 merchant,
--       9 merchant name, 10 room, 11 title, 12 key hash, 13 valid from, 14 valid until, 15 time zone,
--       16 key prefix (times in epoch ms)
local s, e, b = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local function fmt(n) return string.format('%d', n) end
if redis.call('EXISTS', KEYS[6]) == 1 or redis.call('EXISTS', KEYS[4]) == 1 then
  return {'id_taken'}
end

-- A studio's active bookings never overlap, so ordered by start they are ordered by end too: walk
-- back from the last one starting before e + b until one ends (plus buffer) by s.
local found = {}
local offset = 0
while true do
  local ids = redis.call('ZREVRANGEBYSCORE', KEYS[1], '(' .. fmt(e + b), '-inf', 'LIMIT', offset, 8)
  if #ids == 0 then break end
  local clear = false
  for _, id in ipairs(ids) do
    if tonumber(redis.call('HGET', KEYS[2], id)) + b > s then
      table.insert(found, id)
    else
      clear = true
      break
    end
  end
  if clear then break end
  offset = offset + #ids
end

if #found > 0 and ARGV[5] ~= '1' then
  local first = found[#found]
  return {'conflict', first, redis.call('ZSCORE', KEYS[1], first), redis.call('HGET', KEYS[2], first)}
end

-- Override: the bookings in the way give up their slot; the same slot's keys are derived from the prefix.
for _, id in ipairs(found) do
  local bookingKey = ARGV[16] .. 'booking:' .. id
  local room = redis.call('HGET', bookingKey, 'room')
  redis.call('ZREM', KEYS[1], id)
  redis.call('HDEL', KEYS[2], id)
  redis.call('HSET', bookingKey, 'status', 'displaced', 'cancelledAt', ARGV[6], 'displacedBy', ARGV[1])
  redis.call('HSET', ARGV[16] .. 'session:' .. room, 'status', 'cancelled')
  redis.call('ZREM', KEYS[7], room)
end

redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[3])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[4], 'id', ARGV[1], 'studio', ARGV[7], 'merchant', ARGV[8], 'merchantName', ARGV[9],
  'start', ARGV[2], 'end', ARGV[3], 'status', 'active', 'room', ARGV[10], 'title', ARGV[11], 'createdAt', ARGV[6],
  'zone', ARGV[15])
redis.call('ZADD', KEYS[5], ARGV[2], ARGV[1])
redis.call('HSET', KEYS[6], 'room', ARGV[10], 'title', ARGV[11], 'merchant', ARGV[8], 'merchantName', ARGV[9],
  'studio', ARGV[7], 'booking', ARGV[1], 'start', ARGV[2], 'end', ARGV[3], 'zone', ARGV[15], 'status', 'active',
  'keyHash', ARGV[12], 'validFrom', ARGV[13], 'validUntil', ARGV[14], 'createdAt', ARGV[6])
redis.call('ZADD', KEYS[7], ARGV[14], ARGV[10])
redis.call('ZADD', KEYS[8], ARGV[2], ARGV[10])
local reply = {'ok'}
for _, id in ipairs(found) do table.insert(reply, id) end
return reply
