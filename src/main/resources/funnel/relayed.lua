-- Forgets entries the broker has acknowledged: acknowledged in the relay group and deleted, in one step, so the
-- stream holds only what is still to be relayed. KEYS: 1 the stream. ARGV: 1 the group, 2... entry ids.
redis.call('XACK', KEYS[1], ARGV[1], unpack(ARGV, 2))
return redis.call('XDEL', KEYS[1], unpack(ARGV, 2))
