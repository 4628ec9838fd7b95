-- allocate: takes units from a product's stock (owned by its merchant) for a flash sale, or
-- gives them back (negative units) when the sale could not be created.
-- KEYS: 1 product
-- ARGV: 1 units, 2 merchant
local p = redis.call('HMGET', KEYS[1], 'stock', 'merchant')
if not p[1] then
  return {'missing'}
end
if p[2] ~= ARGV[2] then
  return {'not_yours'}
end
local units = tonumber(ARGV[1])
if units > 0 and tonumber(p[1]) < units then
  return {'short', p[1]}
end
return {'ok', redis.call('HINCRBY', KEYS[1], 'stock', -units)}
