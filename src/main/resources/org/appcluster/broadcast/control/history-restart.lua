-- ARGV: new epoch, ttl ms, marker JSON without its epoch, PUBLISH or SPUBLISH, Redis channel.
-- Messages went out on one node only while it could not reach Redis: the stored history of the
-- channel is incomplete for everyone else, so it starts again and every node hears so.
local replid = string.match(redis.call('INFO', 'replication'), 'master_replid:(%w+)')
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[2], 'epoch', ARGV[1], 'replid', replid, 'seq', 0)
redis.call('PEXPIRE', KEYS[2], ARGV[2])
redis.call(ARGV[4], ARGV[5], string.sub(ARGV[3], 1, -2) .. ',"offset":0,"epoch":"' .. ARGV[1] .. '"}')
return ARGV[1]
