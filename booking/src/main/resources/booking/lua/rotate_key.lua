-- rotate_key: replaces the hash of a session's stream key; the old key stops working at once.
-- KEYS: 1 session
-- ARGV: 1 new key hash, 2 now
local status = redis.call('HGET', KEYS[1], 'status')
if not status then
  return {'missing'}
end
if status ~= 'active' then
  return {'not_active', status}
end
redis.call('HSET', KEYS[1], 'keyHash', ARGV[1], 'keyRotatedAt', ARGV[2])
return {'ok'}
