-- Adds quantity to a cart line and captures the add event, atomically. KEYS: 1 cart hash, 2 the add's event id key,
-- 3 and 4 the device's funnel stream and its dropped counter (all of the device's shard: one hash slot).
-- ARGV: 1 sku, 2 quantity, 3 overlayId, 4 campaignId, 5 contentId, 6 unit price, 7 currency, 8 max lines,
--       9 max per line, 10 stock, 11 cart ttl (s), 12 event id ttl (s), 13 If-Match version ('' for none),
--       14 now (epoch ms), 15... the add event for capture().
-- Answers {status, detail, hash fields and values...}; status OK, REPEATED, STALE, TOO_MANY_LINES, LINE_LIMIT, STOCK.
if redis.call('EXISTS', KEYS[2]) == 1 then return reply('REPEATED') end
local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if ARGV[13] ~= '' and tonumber(ARGV[13]) ~= version then return reply('STALE', version) end
local field = 'l:' .. ARGV[1]
local stored = redis.call('HGET', KEYS[1], field)
local line
if stored then
  line = cjson.decode(stored)
else
  if redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], 'v') >= tonumber(ARGV[8]) then
    return reply('TOO_MANY_LINES', ARGV[8])
  end
  -- The line remembers what led to it, and when: the overlay, its campaign and content, the price seen.
  line = {q = 0, o = ARGV[3], c = ARGV[4], k = ARGV[5], p = ARGV[6], cur = ARGV[7], t = version + 1, a = ARGV[14]}
end
local quantity = line.q + tonumber(ARGV[2])
if quantity > tonumber(ARGV[9]) then return reply('LINE_LIMIT', ARGV[9]) end
if quantity > tonumber(ARGV[10]) then return reply('STOCK', ARGV[10]) end
line.q = quantity
redis.call('HSET', KEYS[1], field, cjson.encode(line), 'v', version + 1)
redis.call('EXPIRE', KEYS[1], ARGV[11])
redis.call('SET', KEYS[2], '1', 'EX', ARGV[12])
capture(KEYS[3], KEYS[4], 15)
return reply('OK')
