-- Takes back one counted attempt, if its window is still open. KEYS: 1 counter.
if redis.call('EXISTS', KEYS[1]) == 1 then return redis.call('DECR', KEYS[1]) end
return 0
