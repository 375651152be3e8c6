-- KEYS[1] the history stream, KEYS[2] its metadata hash (epoch, replid, seq).
-- The epoch is kept while this Redis keeps its replication id: a restart without persistence
-- or a replica promoted by failover gets a new id and may lack recent entries, so a new epoch
-- starts, with an empty stream, and clients holding the old one are told they missed something.
local function epoch_now(fresh_epoch, ttl)
    local replid = string.match(redis.call('INFO', 'replication'), 'master_replid:(%w+)')
    local meta = redis.call('HMGET', KEYS[2], 'epoch', 'replid')
    if meta[1] and meta[2] == replid then
        return meta[1]
    end
    redis.call('DEL', KEYS[1])
    redis.call('HSET', KEYS[2], 'epoch', fresh_epoch, 'replid', replid, 'seq', 0)
    redis.call('PEXPIRE', KEYS[2], ttl)
    return fresh_epoch
end
