-- ARGV: fresh epoch, max length, ttl ms, envelope JSON, PUBLISH or SPUBLISH, Redis channel.
-- Numbering, storing and publishing in one script: every node sees offsets in order.
local epoch = epoch_now(ARGV[1], ARGV[3])
local offset = redis.call('HINCRBY', KEYS[2], 'seq', 1)
local message = string.sub(ARGV[4], 1, -2) .. ',"offset":' .. offset .. ',"epoch":"' .. epoch .. '"}'
redis.call('XADD', KEYS[1], 'MAXLEN', ARGV[2], offset .. '-0', 'm', message)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
redis.call(ARGV[5], ARGV[6], message)
return {offset, epoch}
