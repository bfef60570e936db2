-- Adds quantity to a cart line, atomically. KEYS: 1 cart hash, 2 the add's event id key.
-- ARGV: 1 sku, 2 quantity, 3 overlayId, 4 campaignId, 5 unit price, 6 currency, 7 max lines, 8 max per line,
--       9 stock, 10 cart ttl (s), 11 event id ttl (s), 12 If-Match version ('' for none).
-- Answers {status, detail, hash fields and values...}; status OK, REPEATED, STALE, TOO_MANY_LINES, LINE_LIMIT, STOCK.
if redis.call('EXISTS', KEYS[2]) == 1 then return reply('REPEATED') end
local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if ARGV[12] ~= '' and tonumber(ARGV[12]) ~= version then return reply('STALE', version) end
local field = 'l:' .. ARGV[1]
local stored = redis.call('HGET', KEYS[1], field)
local line
if stored then
  line = cjson.decode(stored)
else
  if redis.call('HLEN', KEYS[1]) - redis.call('HEXISTS', KEYS[1], 'v') >= tonumber(ARGV[7]) then
    return reply('TOO_MANY_LINES', ARGV[7])
  end
  line = {q = 0, o = ARGV[3], c = ARGV[4], p = ARGV[5], cur = ARGV[6], t = version + 1}
end
local quantity = line.q + tonumber(ARGV[2])
if quantity > tonumber(ARGV[8]) then return reply('LINE_LIMIT', ARGV[8]) end
if quantity > tonumber(ARGV[9]) then return reply('STOCK', ARGV[9]) end
line.q = quantity
redis.call('HSET', KEYS[1], field, cjson.encode(line), 'v', version + 1)
redis.call('EXPIRE', KEYS[1], ARGV[10])
redis.call('SET', KEYS[2], '1', 'EX', ARGV[11])
return reply('OK')
