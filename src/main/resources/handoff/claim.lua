-- Claims a handoff for a shopper, once. KEYS: 1 handoff hash.
-- ARGV: 1 shopper, 2 now (epoch ms), 3 new expiry (epoch ms), 4 keep-until (epoch ms).
-- Answers {status, detail, hash...}; status CLAIMED (now), OK (already by this shopper), TAKEN (by another),
-- GONE (expired, completed or cancelled), NONE.
if redis.call('EXISTS', KEYS[1]) == 0 then return reply('NONE') end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'COMPLETED' or status == 'CANCELLED' then return reply('GONE') end
if tonumber(ARGV[2]) >= tonumber(redis.call('HGET', KEYS[1], 'expires')) then return reply('GONE') end
if status == 'CLAIMED' then
  if redis.call('HGET', KEYS[1], 'shopper') == ARGV[1] then return reply('OK') end
  return reply('TAKEN')
end
redis.call('HSET', KEYS[1], 'status', 'CLAIMED', 'shopper', ARGV[1], 'expires', ARGV[3])
redis.call('PEXPIREAT', KEYS[1], ARGV[4])
return reply('CLAIMED')
