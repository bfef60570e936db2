-- Counts one more event in a fixed window that starts with the first. KEYS: 1 counter. ARGV: 1 window (ms).
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return count
