// The benchmark's peer: one Socket.IO 4 node, rooms shared with the other nodes through
// @socket.io/redis-adapter, with the same REST publish our nodes take. Everything else is
// Socket.IO's default. Usage: node server.js <port> <redis-uri> <name>
'use strict';

const http = require('node:http');
const { Server } = require('socket.io');
const { createAdapter } = require('@socket.io/redis-adapter');
const { createClient } = require('redis');

const [port, redisUri, name] = process.argv.slice(2);
const PUBLISH = /^\/publish\/([^/?]+)$/;
let ready = false;

const server = http.createServer((request, response) => {
  const publish = request.method === 'POST' && PUBLISH.exec(request.url);
  if (publish) {
    readJson(request, body => {
      if (!body || typeof body.data !== 'object' || body.data === null) {
        return answer(response, 400, { success: false, error: 'body must be {"data":{...}}' });
      }
      const channel = decodeURIComponent(publish[1]);
      io.to(channel).emit('broadcast', { channel, data: body.data, timestamp: new Date().toISOString() });
      answer(response, 200, { success: true });
    });
  } else if (request.method === 'GET' && request.url === '/health') {
    answer(response, ready ? 200 : 503, { success: ready, name });
  } else {
    answer(response, 404, { success: false });
  }
});
// Node closes idle keep-alive connections after 5 s; the generator's pooled connections idle
// longer between steps, and a close racing a reuse would be the harness's error, not the peer's.
server.keepAliveTimeout = 60_000;

const io = new Server(server);
io.on('connection', socket => {
  socket.on('subscribe', (channel, ack) => {
    socket.join(String(channel));
    if (typeof ack === 'function') {
      ack({ success: true, channel });
    }
  });
});

function readJson(request, then) {
  const chunks = [];
  request.on('data', chunk => chunks.push(chunk));
  request.on('end', () => {
    let body = null;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch (e) {
      // Not JSON: answered as a bad request.
    }
    then(body);
  });
}

function answer(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function main() {
  const pub = createClient({ url: redisUri });
  const sub = pub.duplicate();
  pub.on('error', e => console.error(`${name}: redis publisher: ${e.message}`));
  sub.on('error', e => console.error(`${name}: redis subscriber: ${e.message}`));
  await Promise.all([pub.connect(), sub.connect()]);
  io.adapter(createAdapter(pub, sub));
  server.listen(Number(port), '127.0.0.1', () => {
    ready = true;
    console.log(`${name}: Socket.IO ${require('socket.io/package.json').version} on 127.0.0.1:${port}, Redis ${redisUri}`);
  });
}

main().catch(e => {
  console.error(`${name}: could not start: ${e.stack}`);
  process.exit(1);
});
