-- create: writes a new sale's meta and stock together; refuses to overwrite an existing sale.
-- KEYS: 1 meta, 2 stock
-- ARGV: field, value, field, value ... (must include 'offered')
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], unpack(ARGV))
redis.call('SET', KEYS[2], redis.call('HGET', KEYS[1], 'offered'))
return 1
