-- Cancels a handoff that is still open (a newer one of the same TV supersedes it). KEYS: 1 handoff hash.
-- Answers {status, detail, hash...}; status CANCELLED (now) or OK (nothing to do).
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'PENDING' or status == 'CLAIMED' then
  redis.call('HSET', KEYS[1], 'status', 'CANCELLED')
  return reply('CANCELLED')
end
return reply('OK')
