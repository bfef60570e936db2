-- Records the order a claimed handoff became. KEYS: 1 handoff hash. ARGV: 1 shopper, 2 order id.
-- The order is committed already, so a handoff cancelled meanwhile (the TV asked for a new code) completes too.
-- 'cart-cleared' stays 0 until the ordered lines have left the TV's cart.
-- Answers {status, detail, hash...}; status COMPLETED (now), OK (already), REFUSED (not this shopper's).
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'COMPLETED' then return reply('OK') end
if (status == 'CLAIMED' or status == 'CANCELLED') and redis.call('HGET', KEYS[1], 'shopper') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'status', 'COMPLETED', 'order', ARGV[2], 'cart-cleared', '0')
  return reply('COMPLETED')
end
return reply('REFUSED')
