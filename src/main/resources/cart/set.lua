-- Sets the quantity of an existing line, atomically. KEYS: 1 cart hash.
-- ARGV: 1 sku, 2 quantity, 3 max per line, 4 stock, 5 cart ttl (s), 6 If-Match version ('' for none).
-- Answers {status, detail, hash...}; status OK, STALE, NO_LINE, LINE_LIMIT, STOCK.
local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if ARGV[6] ~= '' and tonumber(ARGV[6]) ~= version then return reply('STALE', version) end
local field = 'l:' .. ARGV[1]
local stored = redis.call('HGET', KEYS[1], field)
if not stored then return reply('NO_LINE') end
local quantity = tonumber(ARGV[2])
if quantity > tonumber(ARGV[3]) then return reply('LINE_LIMIT', ARGV[3]) end
if quantity > tonumber(ARGV[4]) then return reply('STOCK', ARGV[4]) end
local line = cjson.decode(stored)
if line.q ~= quantity then
  line.q = quantity
  redis.call('HSET', KEYS[1], field, cjson.encode(line), 'v', version + 1)
  redis.call('EXPIRE', KEYS[1], ARGV[5])
end
return reply('OK')
