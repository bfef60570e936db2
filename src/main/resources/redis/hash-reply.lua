-- Prepended to scripts that change one hash: their answer is {status, detail, then the hash (KEYS[1]) as field, value, ...}.
local function reply(status, detail)
  local answer = {status, tostring(detail or '')}
  for _, value in ipairs(redis.call('HGETALL', KEYS[1])) do answer[#answer + 1] = value end
  return answer
end
