-- Stores a new handoff. KEYS: 1 handoff hash. ARGV: 1 keep-until (epoch ms), then field, value, ...
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
redis.call('PEXPIREAT', KEYS[1], ARGV[1])
return 1
