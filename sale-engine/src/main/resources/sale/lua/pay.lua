-- pay: reserved -> paid, when the payment arrives before the deadline and for the right amount.
-- A payment after the deadline expires the order here and now (stock goes back) and is refused,
-- so a late payment can never oversell. Paying a paid order again is a harmless repeat.
-- KEYS: 1 order, 2 stock, 3 buyers, 4 deadlines, 5 log, 6 meta
-- ARGV: 1 order id, 2 now (epoch ms), 3 payment reference, 4 amount paid (fen)
local o = redis.call('HMGET', KEYS[1], 'state', 'deadline', 'units', 'user', 'amountFen', 'paymentRef')
if not o[1] then
  return {'missing'}
end
if o[1] == 'paid' then
  return {'repeat', o[6] or ''}
end
if o[1] ~= 'reserved' then
  return {o[1]}
end
if tonumber(ARGV[2]) > tonumber(o[2]) then
  redis.call('HSET', KEYS[1], 'state', 'expired', 'endedAt', ARGV[2])
  local left = redis.call('INCRBY', KEYS[2], o[3])
  if redis.call('HINCRBY', KEYS[3], o[4], -tonumber(o[3])) <= 0 then
    redis.call('HDEL', KEYS[3], o[4])
  end
  redis.call('ZREM', KEYS[4], ARGV[1])
  local restocks = redis.call('HINCRBY', KEYS[6], 'restocks', 1)
  redis.call('XADD', KEYS[5], '*', 'event', 'expired', 'order', ARGV[1], 'user', o[4], 'units', o[3])
  return {'late', left, restocks}
end
if tonumber(ARGV[4]) ~= tonumber(o[5]) then
  return {'amount_mismatch', o[5]}
end
redis.call('HSET', KEYS[1], 'state', 'paid', 'paidAt', ARGV[2], 'paymentRef', ARGV[3])
redis.call('ZREM', KEYS[4], ARGV[1])
redis.call('XADD', KEYS[5], '*', 'event', 'paid', 'order', ARGV[1], 'user', o[4], 'units', o[3])
return {'ok'}
