-- Sets fields of a hash only while it exists, so a hash that expired is not brought back without its expiry.
-- KEYS: 1 hash. ARGV: field, value, ...
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
