-- cancel: gives a booking's slot back and cancels its live session (the stream key stops working).
-- Free until the notice period before the start; later it is recorded as late. Admins cancel at any
-- time, never late.
-- KEYS: 1 booking, 2 slots, 3 ends, 4 session, 5 sessions
-- ARGV: 1 booking id, 2 now, 3 notice (ms), 4 by admin (1/0)
local m = redis.call('HMGET', KEYS[1], 'status', 'start', 'room')
if not m[1] then
  return {'missing'}
end
if m[1] ~= 'active' then
  return {'not_active', m[1]}
end
local now, start = tonumber(ARGV[2]), tonumber(m[2])
local admin = ARGV[4] == '1'
if not admin and start <= now then
  return {'started'}
end
local late = '0'
if not admin and start - now < tonumber(ARGV[3]) then
  late = '1'
end
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[3], ARGV[1])
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'cancelledAt', ARGV[2], 'late', late,
  'cancelledBy', admin and 'admin' or 'merchant')
redis.call('HSET', KEYS[4], 'status', 'cancelled')
redis.call('ZREM', KEYS[5], m[3])
return {'ok', late}
