-- Removes one line ({'l:' .. sku}) or, with ARGV[1] = '', every line, atomically. KEYS: 1 cart hash.
-- ARGV: 1 sku or '', 2 cart ttl (s), 3 If-Match version ('' for none). Removing what is not there changes nothing.
-- Answers {status, detail, hash...}; status OK, STALE.
local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if ARGV[3] ~= '' and tonumber(ARGV[3]) ~= version then return reply('STALE', version) end
local fields = {}
if ARGV[1] == '' then
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if string.sub(field, 1, 2) == 'l:' then fields[#fields + 1] = field end
  end
elseif redis.call('HEXISTS', KEYS[1], 'l:' .. ARGV[1]) == 1 then
  fields[1] = 'l:' .. ARGV[1]
end
if #fields > 0 then
  redis.call('HDEL', KEYS[1], unpack(fields))
  redis.call('HSET', KEYS[1], 'v', version + 1)
  redis.call('EXPIRE', KEYS[1], ARGV[2])
end
return reply('OK')
