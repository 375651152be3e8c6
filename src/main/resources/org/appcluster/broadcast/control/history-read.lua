-- ARGV: fresh epoch, ttl ms, first offset wanted, max entries.
-- Returns the epoch, the last offset, then the stored messages from the first offset wanted on.
local epoch = epoch_now(ARGV[1], ARGV[2])
local last = tonumber(redis.call('HGET', KEYS[2], 'seq'))
local result = {epoch, last}
if tonumber(ARGV[3]) <= last then
    for _, entry in ipairs(redis.call('XRANGE', KEYS[1], ARGV[3] .. '-0', '+', 'COUNT', ARGV[4])) do
        table.insert(result, entry[2][2])
    end
end
return result
