// REST publishes against one node, for measuring what a publish costs it (README, "Benchmark").
//   node src/test/publish-load/publish-load.js URL CONNECTIONS COUNT [RATE]
// POSTs {"data":{...}} (about 100 bytes) to URL COUNT times over CONNECTIONS keep-alive
// connections: as fast as they allow, or RATE per second. Prints
// {"requests","errors","perSecond"}; a non-200 answer counts as an error. Node.js only, no packages.
'use strict';
const http = require('http');

const [url, connections, count, rate] = [new URL(process.argv[2]), Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5] || 0)];
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const body = JSON.stringify({ data: { t: 1, pad: 'x'.repeat(60) } });
const started = Date.now();
let sent = 0;
let done = 0;
let errors = 0;

function finished() {
    done++;
    if (done === count) {
        const perSecond = Math.round(done * 1000 / (Date.now() - started));
        console.log(JSON.stringify({ requests: done, errors, perSecond }));
        process.exit(0);
    }
}

function publish(then) {
    if (sent >= count) {
        return;
    }
    sent++;
    const request = http.request({ agent, hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, response => {
        if (response.statusCode !== 200) {
            errors++;
        }
        response.resume();
        response.on('end', () => { finished(); then(); });
    });
    request.on('error', () => { errors++; finished(); then(); });
    request.end(body);
}

if (rate > 0) {
    const timer = setInterval(() => (sent < count ? publish(() => {}) : clearInterval(timer)), 1000 / rate);
} else {
    const next = () => publish(next);
    for (let i = 0; i < connections; i++) {
        next();
    }
}
