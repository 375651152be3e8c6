/*
 * WebSocket namespaces for pages: window.jPulse.ws, the jPulse Framework's client API.
 * const chat = jPulse.ws.connect('/api/1/ws/chat/lobby').onMessage(msg => ...);
 * chat.send({type: 'message', text: 'Hello!'}); const answer = await chat.request({type: 'time'});
 * A plain script loaded after /js/jpulse-app-cluster.js (<script src="/js/jpulse-ws.js">);
 * /js/jpulse-ws.mjs imports both and re-exports it for `import`.
 * Reconnects with capped exponential backoff and jitter, without a retry limit unless one is set;
 * what is sent while connecting waits in a bounded queue; a 4401 or 4403 close stops it
 * ('auth-required'). The page's client uuid is the one jPulse.appCluster uses.
 */
(function (global) {
    'use strict';

    const jPulse = global.jPulse = global.jPulse || {};
    if (jPulse.ws) {
        return; // loaded both as a script and as a module: keep the one instance
    }

    const AUTH_CLOSE_CODES = [4401, 4403];
    const DEFAULTS = {
        backoffFirstMs: 500,
        backoffMaxMs: 15000,
        maxReconnectAttempts: Infinity,
        queueLimit: 100,
        requestTimeoutMs: 30000
    };
    const connections = new Map();

    /** One uuid per tab, shared with jPulse.appCluster's broadcast socket (which opens only when used). */
    function pageUuid() {
        if (!jPulse.appCluster || typeof jPulse.appCluster.getUuid !== 'function') {
            throw new Error('jPulse.ws: load /js/jpulse-app-cluster.js before /js/jpulse-ws.js');
        }
        return jPulse.appCluster.getUuid();
    }

    function newRequestId() {
        return global.crypto && typeof global.crypto.randomUUID === 'function'
            ? global.crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    }

    function byteLength(data) {
        return new TextEncoder().encode(JSON.stringify(data)).length;
    }

    function failure(code, error, requestId) {
        return { success: false, error, code, requestId };
    }

    function createConnection(path, options) {
        const config = Object.assign({}, DEFAULTS, options);
        const uuid = pageUuid();
        const messageCallbacks = new Set();
        const statusCallbacks = new Set();
        const pending = new Map(); // requestId -> {resolve, timer}
        const queue = [];
        let socket = null;
        let status = 'connecting';
        let limits = null;
        let attempts = 0;
        let retryTimer = null;
        let wanted = true;

        function setStatus(next) {
            if (status === next) {
                return;
            }
            status = next;
            for (const callback of statusCallbacks) {
                try {
                    callback(next);
                } catch (e) {
                    console.error('jPulse.ws: status handler failed', e);
                }
            }
        }

        function open() {
            const scheme = global.location.protocol === 'https:' ? 'wss:' : 'ws:';
            socket = new global.WebSocket(`${scheme}//${global.location.host}${path}?uuid=${encodeURIComponent(uuid)}`);
            socket.onmessage = event => receive(event.data);
            socket.onclose = event => closed(event.code);
        }

        function receive(text) {
            let message;
            try {
                message = JSON.parse(text);
            } catch (e) {
                console.error('jPulse.ws: a frame that is not JSON', e);
                return;
            }
            const data = message.data;
            if (message.success && data && data.type === 'pong') {
                return;
            }
            if (message.success && data && data.type === 'connected') {
                limits = data.limits || null;
                attempts = 0;
                setStatus('connected');
                flushQueue();
            }
            if (message.requestId && pending.has(message.requestId)) {
                const waiting = pending.get(message.requestId);
                pending.delete(message.requestId);
                clearTimeout(waiting.timer);
                waiting.resolve(message);
                return;
            }
            for (const callback of messageCallbacks) {
                try {
                    callback(message);
                } catch (e) {
                    console.error('jPulse.ws: message handler failed', e);
                }
            }
        }

        function closed(code) {
            socket = null;
            limits = null;
            for (const [requestId, waiting] of pending) {
                if (waiting.sent) {
                    clearTimeout(waiting.timer);
                    pending.delete(requestId);
                    waiting.resolve(failure('CONNECTION_LOST', 'The connection closed before the answer came', requestId));
                }
            }
            if (!wanted) {
                setStatus('disconnected');
            } else if (AUTH_CLOSE_CODES.includes(code)) {
                wanted = false;
                dropQueue('NOT_CONNECTED');
                connections.delete(path);
                setStatus('auth-required');
            } else if (attempts >= config.maxReconnectAttempts) {
                wanted = false;
                dropQueue('NOT_CONNECTED');
                connections.delete(path);
                setStatus('disconnected');
            } else {
                setStatus('reconnecting');
                const ceiling = Math.min(config.backoffMaxMs, config.backoffFirstMs * 2 ** Math.min(attempts, 16));
                attempts++;
                retryTimer = setTimeout(open, ceiling / 2 + Math.random() * ceiling / 2);
            }
        }

        /** Writes now when connected; otherwise waits in the queue (false when it is full). */
        function transmit(payload, requestId) {
            if (status === 'connected' && socket && socket.readyState === global.WebSocket.OPEN) {
                socket.send(JSON.stringify(payload));
                if (requestId && pending.has(requestId)) {
                    pending.get(requestId).sent = true;
                }
                return true;
            }
            if (queue.length >= config.queueLimit) {
                return false;
            }
            queue.push({ payload, requestId });
            return true;
        }

        function flushQueue() {
            while (queue.length > 0 && status === 'connected') {
                const next = queue.shift();
                if (next.requestId && !pending.has(next.requestId)) {
                    continue; // timed out while it waited
                }
                if (tooLarge(next.payload)) {
                    settle(next.requestId, 'MESSAGE_TOO_LARGE', `Message larger than ${limits.maxSize} bytes`);
                    continue;
                }
                transmit(next.payload, next.requestId);
            }
        }

        function dropQueue(code) {
            while (queue.length > 0) {
                const next = queue.shift();
                settle(next.requestId, code, 'Not connected');
            }
        }

        function settle(requestId, code, error) {
            if (requestId && pending.has(requestId)) {
                const waiting = pending.get(requestId);
                pending.delete(requestId);
                clearTimeout(waiting.timer);
                waiting.resolve(failure(code, error, requestId));
            }
        }

        function tooLarge(data) {
            return limits && typeof limits.maxSize === 'number' && byteLength(data) > limits.maxSize;
        }

        function usable() {
            return wanted && status !== 'auth-required' && status !== 'disconnected';
        }

        const handle = {
            /** Sends now, or once connected; false when it cannot go (too large, queue full, closed). */
            send(data) {
                if (!usable() || tooLarge(data)) {
                    return false;
                }
                return transmit(data, null);
            },

            /** Always resolves: the reply ({success, data, requestId}) or {success:false, error, code}. */
            request(data, requestOptions) {
                const timeoutMs = (requestOptions && requestOptions.timeoutMs) || config.requestTimeoutMs;
                const requestId = newRequestId();
                return new Promise(resolve => {
                    if (!usable()) {
                        resolve(failure('NOT_CONNECTED', 'Not connected', requestId));
                        return;
                    }
                    if (tooLarge(data)) {
                        resolve(failure('MESSAGE_TOO_LARGE', `Message larger than ${limits.maxSize} bytes`, requestId));
                        return;
                    }
                    const timer = setTimeout(() => settle(requestId, 'REQUEST_TIMEOUT', `No answer within ${timeoutMs} ms`), timeoutMs);
                    pending.set(requestId, { resolve, timer, sent: false });
                    if (!transmit(Object.assign({}, data, { requestId }), requestId)) {
                        settle(requestId, 'NOT_CONNECTED', 'Too many messages wait for the connection');
                    }
                });
            },

            /** Answers a server's request (a message with a requestId). */
            reply(message, data) {
                if (!message || !message.requestId) {
                    return false;
                }
                return handle.send(Object.assign({}, data, { requestId: message.requestId }));
            },

            replyError(message, error, code) {
                if (!message || !message.requestId) {
                    return false;
                }
                return handle.send({ success: false, error, code: code || 'CLIENT_ERROR', requestId: message.requestId });
            },

            /** Each frame the server sends: {success, data} or {success:false, error, code}, with requestId on requests. */
            onMessage(callback) {
                messageCallbacks.add(callback);
                return handle;
            },

            /** connecting, connected, reconnecting, disconnected or auth-required. */
            onStatusChange(callback) {
                statusCallbacks.add(callback);
                return handle;
            },

            getStatus: () => status,
            isConnected: () => status === 'connected',
            /** {maxSize, interval, maxMessages} from the server's connected frame, or null before it. */
            getLimits: () => limits,
            getClientId: () => uuid,

            disconnect() {
                wanted = false;
                clearTimeout(retryTimer);
                connections.delete(path);
                dropQueue('NOT_CONNECTED');
                if (socket) {
                    socket.close(1000, 'page closed the connection');
                } else {
                    setStatus('disconnected');
                }
            }
        };

        open();
        return handle;
    }

    jPulse.ws = {
        /** The page's one connection to a namespace path (rooms filled in), opened on first use. */
        connect(path, options) {
            if (typeof path !== 'string' || !path.startsWith('/api/1/ws/')) {
                throw new Error(`jPulse.ws: '${path}' is not a namespace path under /api/1/ws/`);
            }
            if (!connections.has(path)) {
                connections.set(path, createConnection(path, options));
            }
            return connections.get(path);
        },

        getStatus(path) {
            const connection = connections.get(path);
            return connection ? connection.getStatus() : 'disconnected';
        }
    };
})(typeof window !== 'undefined' ? window : globalThis);
