-- cancel_remote: cancels a remote session (one without a studio booking); its stream key stops
-- working. A booked session is cancelled through its booking instead.
-- KEYS: 1 session, 2 sessions
-- ARGV: 1 room, 2 now
local m = redis.call('HMGET', KEYS[1], 'status', 'booking')
if not m[1] then
  return {'missing'}
end
if m[2] ~= '' then
  return {'booked', m[2]}
end
if m[1] ~= 'active' then
  return {'not_active', m[1]}
end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'cancelledAt', ARGV[2])
redis.call('ZREM', KEYS[2], ARGV[1])
return {'ok'}
