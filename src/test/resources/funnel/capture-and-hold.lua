-- A relay that takes entries and dies before sending them: captures events and, in the same step (so that no
-- live relay takes them first), reads them into the relay group as consumer ARGV[#ARGV]. KEYS and ARGV as append.lua.
capture(KEYS[1], KEYS[2], 1)
return redis.call('XREADGROUP', 'GROUP', 'relay', ARGV[#ARGV], 'COUNT', '100000', 'STREAMS', KEYS[1], '>')
