-- Claims a handoff for a shopper, once, remembering the cart version the shopper was shown. KEYS: 1 handoff hash.
-- ARGV: 1 shopper, 2 now (epoch ms), 3 new expiry (epoch ms), 4 keep-until (epoch ms), 5 cart version shown.
-- Answers {status, detail, hash...}; status CLAIMED (now), OK (already by this shopper: the cart shown is updated),
-- TAKEN (by another), GONE (expired, completed or cancelled), NONE.
if redis.call('EXISTS', KEYS[1]) == 0 then return reply('NONE') end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'COMPLETED' or status == 'CANCELLED' then return reply('GONE') end
if tonumber(ARGV[2]) >= tonumber(redis.call('HGET', KEYS[1], 'expires')) then return reply('GONE') end
if status == 'CLAIMED' then
  if redis.call('HGET', KEYS[1], 'shopper') ~= ARGV[1] then return reply('TAKEN') end
  redis.call('HSET', KEYS[1], 'cart', ARGV[5])
  return reply('OK')
end
redis.call('HSET', KEYS[1], 'status', 'CLAIMED', 'shopper', ARGV[1], 'expires', ARGV[3], 'cart', ARGV[5])
redis.call('PEXPIREAT', KEYS[1], ARGV[4])
return reply('CLAIMED')
