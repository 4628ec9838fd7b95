-- open_remote: creates a live session without a studio (the merchant streams from their own
-- place) with its stream-key grant.
-- KEYS: 1 session, 2 sessions, 3 merchant sessions
-- ARGV: 1 room, 2 title, 3 merchant, 4 merchant name, 5 start, 6 end, 7 time zone, 8 key hash,
--       9 valid from, 10 valid until, 11 now
if redis.call('EXISTS', KEYS[1]) == 1 then
  return {'id_taken'}
end
redis.call('HSET', KEYS[1], 'room', ARGV[1], 'title', ARGV[2], 'merchant', ARGV[3], 'merchantName', ARGV[4],
  'studio', '', 'booking', '', 'start', ARGV[5], 'end', ARGV[6], 'zone', ARGV[7], 'status', 'active',
  'keyHash', ARGV[8], 'validFrom', ARGV[9], 'validUntil', ARGV[10], 'createdAt', ARGV[11])
redis.call('ZADD', KEYS[2], ARGV[10], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[1])
return {'ok'}
