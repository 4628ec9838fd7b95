-- reserve: the only transition that takes stock. Checks the sale window, the stock and the
-- buyer's limit, then changes stock, buyer count, idempotency record, order hash, deadline and
-- log together. A retried idempotency key returns the order it made the first time.
-- KEYS: 1 meta, 2 stock, 3 buyers, 4 idem, 5 log, 6 deadlines, 7 order (key of the new order)
-- ARGV: 1 user, 2 units, 3 idempotency key, 4 new order id, 5 now (epoch ms), 6 buyer name
local idemField = ARGV[1] .. ':' .. ARGV[3]
local existing = redis.call('HGET', KEYS[4], idemField)
if existing then
  return {'dup', existing}
end
local m = redis.call('HMGET', KEYS[1], 'opensAt', 'closesAt', 'openedAt', 'closedAt', 'limit', 'priceFen', 'windowMs', 'restocks')
if not m[5] then
  return {'missing'}
end
local now = tonumber(ARGV[5])
local closesAt = tonumber(m[2])
if m[4] or (closesAt > 0 and now >= closesAt) then
  return {'closed'}
end
local opensAt = tonumber(m[1])
if not m[3] and (opensAt == 0 or now < opensAt) then
  return {'not_open', m[1]}
end
local units = tonumber(ARGV[2])
local left = tonumber(redis.call('GET', KEYS[2]) or '0')
if left < units then
  return {'sold_out', left, m[8] or '0'}
end
local bought = tonumber(redis.call('HGET', KEYS[3], ARGV[1]) or '0')
if bought + units > tonumber(m[5]) then
  return {'limit_reached', bought, m[5]}
end
left = redis.call('DECRBY', KEYS[2], units)
redis.call('HINCRBY', KEYS[3], ARGV[1], units)
redis.call('HSET', KEYS[4], idemField, ARGV[4])
local deadline = string.format('%d', now + tonumber(m[7]))
local amount = string.format('%d', units * tonumber(m[6]))
redis.call('HSET', KEYS[7], 'id', ARGV[4], 'user', ARGV[1], 'name', ARGV[6], 'units', ARGV[2],
  'amountFen', amount, 'state', 'reserved', 'createdAt', ARGV[5], 'deadline', deadline, 'idem', ARGV[3])
redis.call('ZADD', KEYS[6], deadline, ARGV[4])
redis.call('XADD', KEYS[5], '*', 'event', 'reserved', 'order', ARGV[4], 'user', ARGV[1], 'units', ARGV[2])
return {'ok', ARGV[4], left, deadline, amount, m[8] or '0'}
