-- expire: reserved -> expired once the payment deadline has passed; the units go back.
-- Idempotent, so every node's sweeper may run it on the same order: an order that is no longer
-- reserved is only taken off the deadlines set, one that is not due yet is left alone.
-- KEYS: 1 order, 2 stock, 3 buyers, 4 deadlines, 5 log, 6 meta
-- ARGV: 1 order id, 2 now (epoch ms)
local o = redis.call('HMGET', KEYS[1], 'state', 'units', 'user', 'deadline')
if o[1] ~= 'reserved' then
  redis.call('ZREM', KEYS[4], ARGV[1])
  return {'noop'}
end
if tonumber(ARGV[2]) < tonumber(o[4]) then
  return {'not_due'}
end
redis.call('HSET', KEYS[1], 'state', 'expired', 'endedAt', ARGV[2])
local left = redis.call('INCRBY', KEYS[2], o[2])
if redis.call('HINCRBY', KEYS[3], o[3], -tonumber(o[2])) <= 0 then
  redis.call('HDEL', KEYS[3], o[3])
end
redis.call('ZREM', KEYS[4], ARGV[1])
local restocks = redis.call('HINCRBY', KEYS[6], 'restocks', 1)
redis.call('XADD', KEYS[5], '*', 'event', 'expired', 'order', ARGV[1], 'user', o[3], 'units', o[2])
return {'ok', left, restocks}
