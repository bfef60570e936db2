-- Counts one more attempt in a fixed window that starts with the first. KEYS: 1 counter. ARGV: 1 window (ms).
-- Answers {count, milliseconds until the window ends}.
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {count, redis.call('PTTL', KEYS[1])}
