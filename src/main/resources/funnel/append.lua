-- Appends a batch of one device's funnel events. KEYS: 1 the device's funnel stream, 2 its dropped counter.
-- ARGV: as capture() takes them. Answers the number of events appended.
return capture(KEYS[1], KEYS[2], 1)
