-- Removes the lines of the given products or, with none given, every line, atomically. KEYS: 1 cart hash.
-- ARGV: 1 cart ttl (s), 2 If-Match version ('' for none), 3... skus. Removing what is not there changes nothing.
-- Answers {status, detail, hash...}; status OK, STALE.
local version = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
if ARGV[2] ~= '' and tonumber(ARGV[2]) ~= version then return reply('STALE', version) end
local fields = {}
if #ARGV == 2 then
  for _, field in ipairs(redis.call('HKEYS', KEYS[1])) do
    if string.sub(field, 1, 2) == 'l:' then fields[#fields + 1] = field end
  end
else
  for i = 3, #ARGV do
    if redis.call('HEXISTS', KEYS[1], 'l:' .. ARGV[i]) == 1 then fields[#fields + 1] = 'l:' .. ARGV[i] end
  end
end
if #fields > 0 then
  redis.call('HDEL', KEYS[1], unpack(fields))
  redis.call('HSET', KEYS[1], 'v', version + 1)
  redis.call('EXPIRE', KEYS[1], ARGV[1])
end
return reply('OK')
