-- Prepended to scripts that capture funnel events. capture(stream, dropped, first) appends events to a funnel
-- stream in the same atomic step as the change they describe. ARGV from index 'first': the stream's most entries,
-- the number of events, the number of values per event, then each event's field, value, ...
-- A full stream (the relay could not reach Kafka for long) takes no more and counts what it refused in key
-- 'dropped'; entries a relay holds are never trimmed away under it. Answers the number of events appended.
local function capture(stream, dropped, first)
  local events = tonumber(ARGV[first + 1])
  if redis.call('XLEN', stream) + events > tonumber(ARGV[first]) then
    redis.call('INCRBY', dropped, events)
    return 0
  end
  local width = tonumber(ARGV[first + 2])
  for i = 0, events - 1 do
    local from = first + 3 + i * width
    redis.call('XADD', stream, '*', unpack(ARGV, from, from + width - 1))
  end
  return events
end
