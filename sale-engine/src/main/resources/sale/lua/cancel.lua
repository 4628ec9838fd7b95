-- cancel: reserved -> cancelled by the buyer who holds the order; the units go back to stock
-- and to the buyer's allowance.
-- KEYS: 1 order, 2 stock, 3 buyers, 4 deadlines, 5 log, 6 meta
-- ARGV: 1 order id, 2 now (epoch ms), 3 user asking
local o = redis.call('HMGET', KEYS[1], 'state', 'units', 'user')
if not o[1] then
  return {'missing'}
end
if o[3] ~= ARGV[3] then
  return {'not_yours'}
end
if o[1] ~= 'reserved' then
  return {o[1]}
end
redis.call('HSET', KEYS[1], 'state', 'cancelled', 'endedAt', ARGV[2])
local left = redis.call('INCRBY', KEYS[2], o[2])
if redis.call('HINCRBY', KEYS[3], o[3], -tonumber(o[2])) <= 0 then
  redis.call('HDEL', KEYS[3], o[3])
end
redis.call('ZREM', KEYS[4], ARGV[1])
local restocks = redis.call('HINCRBY', KEYS[6], 'restocks', 1)
redis.call('XADD', KEYS[5], '*', 'event', 'cancelled', 'order', ARGV[1], 'user', o[3], 'units', o[2])
return {'ok', left, restocks}
