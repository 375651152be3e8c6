# Sourced by bin/run and bin/local-cluster: how a Payara Micro node is started, and how a start
# is judged. The test harness (ServerNode) starts nodes with the same files and the same rule.

# Listener settings before boot (set after boot, they restart the HTTP listener while the web
# container is built), the rest after; Redis, not Payara's Hazelcast grid, links the nodes.
PAYARA_NODE_ARGS=(--nocluster
    --prebootcommandfile server-config/payara-micro/pre-boot-commands.asadmin
    --postbootcommandfile server-config/payara-micro/post-boot-commands.asadmin)

# await_serving PID LOG URL: waits (up to 180 s) until the node logs that it is ready, then up to
# 30 s for URL to answer. A node that says it is ready but does not answer has failed to start.
await_serving() {
    local pid=$1 log=$2 url=$3 deadline=$((SECONDS + 180))
    until grep -q "Payara Micro .* ready in" "$log" 2>/dev/null; do
        kill -0 "$pid" 2>/dev/null || { echo "the node exited during startup; see $log" >&2; return 1; }
        (( SECONDS < deadline )) || { echo "the node did not log that it is ready within 180 s; see $log" >&2; return 1; }
        sleep 1
    done
    deadline=$((SECONDS + 30))
    until curl -sf -o /dev/null --max-time 5 "$url"; do
        kill -0 "$pid" 2>/dev/null || { echo "the node exited after it logged ready; see $log" >&2; return 1; }
        if (( SECONDS >= deadline )); then
            echo "the node logged that it is ready but answered no request on $url within 30 s: a failed start; see $log" >&2
            return 1
        fi
        sleep 0.5
    done
}
