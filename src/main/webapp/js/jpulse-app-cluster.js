/*
 * App Cluster browser library: window.jPulse.appCluster, the jPulse Framework's client API.
 * A plain script (<script src="/js/jpulse-app-cluster.js">) that also works as a module side
 * effect; /js/jpulse-app-cluster.mjs re-exports it for `import`. One lazy WebSocket per page,
 * reconnected with capped exponential backoff and jitter, every subscription re-sent on reconnect
 * with the last history position it saw: the node replays what was missed, or says it cannot and
 * the subscription's onRecover callback tells the page to reload its state.
 */
(function (global) {
    'use strict';

    const jPulse = global.jPulse = global.jPulse || {};
    if (jPulse.appCluster) {
        return; // loaded both as a script and as a module: keep the one instance
    }

    const SOCKET_PATH = '/api/1/ws/jp-broadcast';
    const UUID_KEY = 'jPulse.appCluster.uuid';
    const TOKEN_KEY = 'jPulse.appCluster.clientToken';
    const TOKEN_HEADER = 'X-Client-Token';
    const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    const SEGMENT = /^[A-Za-z0-9_.-]+$/;
    const WRITE_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
    const BACKOFF_FIRST_MS = 500;
    const BACKOFF_MAX_MS = 15000;

    // ---- channels --------------------------------------------------------------------------

    /** Throws at once for anything the server would refuse: browsers get view:* only. */
    function checkChannel(channel, allowWildcard) {
        if (typeof channel !== 'string' || channel.length === 0 || channel.length > 256) {
            throw new Error('appCluster: channel must be a non-empty string of at most 256 characters');
        }
        const segments = channel.split(':');
        if (segments[0] !== 'view') {
            throw new Error(`appCluster: channel '${channel}' is not allowed: browsers may only use view:* channels`);
        }
        const wildcard = allowWildcard && segments.length > 1 && segments[segments.length - 1] === '*';
        const named = segments.slice(1, wildcard ? -1 : undefined);
        if (segments.length - 1 > 16 || (!wildcard && named.length < 3)) {
            throw new Error(`appCluster: channel '${channel}' must be view:<component>:<domain>:<action>` +
                (allowWildcard ? ' or end in :*' : ''));
        }
        for (const segment of named) {
            if (!SEGMENT.test(segment)) {
                throw new Error(`appCluster: channel '${channel}' has an invalid segment '${segment}' ` +
                    '(letters, digits, _ . - only)');
            }
        }
    }

    function channelMatches(pattern, channel) {
        if (!pattern.endsWith(':*')) {
            return pattern === channel;
        }
        const prefix = pattern.slice(0, -1);
        return channel.length > prefix.length && channel.startsWith(prefix);
    }

    // ---- client identity -------------------------------------------------------------------

    function randomUuid() {
        if (global.crypto && typeof global.crypto.randomUUID === 'function') {
            return global.crypto.randomUUID();
        }
        const bytes = global.crypto.getRandomValues(new Uint8Array(16));
        bytes[6] = (bytes[6] & 0x0f) | 0x40;
        bytes[8] = (bytes[8] & 0x3f) | 0x80;
        const hex = Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
        return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }

    /** Per tab and stable across reloads: sessionStorage is exactly that scope. */
    function loadUuid() {
        try {
            let id = global.sessionStorage.getItem(UUID_KEY);
            if (!id || !UUID_FORMAT.test(id)) {
                id = randomUuid();
                global.sessionStorage.setItem(UUID_KEY, id);
            }
            return id;
        } catch (e) {
            return randomUuid(); // storage disabled: stable for this page only
        }
    }

    const uuid = loadUuid();
    // The node's proof that this uuid is ours, sent with same-origin writes; kept with the uuid so
    // a write made before the socket answers after a reload still carries it.
    let clientToken = loadToken();

    function loadToken() {
        try {
            const stored = global.sessionStorage.getItem(TOKEN_KEY);
            return stored && stored.startsWith(`${uuid} `) ? stored.slice(uuid.length + 1) : null;
        } catch (e) {
            return null;
        }
    }

    function saveToken(token) {
        clientToken = token;
        try {
            global.sessionStorage.setItem(TOKEN_KEY, `${uuid} ${token}`);
        } catch (e) {
            // storage disabled: kept for this page only
        }
    }

    // ---- observable state ------------------------------------------------------------------

    const listeners = { connection: new Set(), clusterMode: new Set() };
    let connectionStatus = 'idle';
    let clusterMode = initialClusterMode();

    function initialClusterMode() {
        const meta = global.document && global.document.querySelector('meta[name="app-cluster-mode"]');
        return meta ? meta.getAttribute('content') === 'cluster' : false;
    }

    function notify(kind, value) {
        for (const listener of listeners[kind]) {
            try {
                listener(value);
            } catch (e) {
                console.error('appCluster: listener failed', e);
            }
        }
    }

    function setConnectionStatus(status) {
        if (status !== connectionStatus) {
            connectionStatus = status;
            notify('connection', status);
        }
    }

    function setClusterMode(mode) {
        if (mode !== clusterMode) {
            clusterMode = mode;
            notify('clusterMode', mode);
        }
    }

    function listen(kind, listener) {
        if (typeof listener !== 'function') {
            throw new Error('appCluster: listener must be a function');
        }
        listeners[kind].add(listener);
        ensureSocket();
        return () => listeners[kind].delete(listener);
    }

    // ---- the socket ------------------------------------------------------------------------

    const subscriptions = new Map();   // handle id -> { channel, callback, omitSelf, onRecover }
    const serverSubscriptions = new Map(); // "channel|omitSelf" -> local subscription count
    const positions = new Map();       // "channel|omitSelf" -> last { epoch, offset } seen, or null once sent
    const presenceWanted = new Map();  // channel -> local subscriptions with onPresence
    const presenceSeen = new Map();    // channel -> the last presence the node told
    let socket = null;
    let ready = false;
    let signedIn = false;              // presence lists usernames: the node gives it to signed-in sockets only
    let attempt = 0;
    let reconnectTimer = null;
    let nextId = 0;

    function ensureSocket() {
        if (!socket && !reconnectTimer) {
            connect();
        }
    }

    function connect() {
        reconnectTimer = null;
        const scheme = global.location.protocol === 'https:' ? 'wss:' : 'ws:';
        socket = new global.WebSocket(`${scheme}//${global.location.host}${SOCKET_PATH}?uuid=${encodeURIComponent(uuid)}`);
        ready = false;
        setConnectionStatus('connecting');
        socket.addEventListener('message', event => receive(event.data));
        socket.addEventListener('close', () => {
            socket = null;
            ready = false;
            presenceSeen.clear(); // the next socket's first presence frames tell it afresh
            setConnectionStatus('disconnected');
            scheduleReconnect();
        });
    }

    /** Capped exponential backoff with jitter, and no retry limit: the node will come back. */
    function scheduleReconnect() {
        const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** attempt);
        attempt++;
        const delay = ceiling / 2 + Math.random() * ceiling / 2;
        reconnectTimer = global.setTimeout(connect, delay);
    }

    function reconnectNow() {
        if (reconnectTimer) {
            global.clearTimeout(reconnectTimer);
            connect();
        }
    }

    function receive(text) {
        let frame;
        try {
            frame = JSON.parse(text);
        } catch (e) {
            return;
        }
        if (!frame.success) {
            console.warn(`appCluster: ${frame.code}: ${frame.error}`);
            return;
        }
        const message = frame.data || {};
        switch (message.type) {
            case 'connected':
                if (typeof message.clusterMode === 'boolean') {
                    setClusterMode(message.clusterMode);
                }
                if (typeof message.clientToken === 'string' && message.clientId === uuid) {
                    saveToken(message.clientToken);
                }
                signedIn = Boolean(message.ctx && message.ctx.username);
                break;
            case 'welcome': // the server is ready for subscriptions
                ready = true;
                attempt = 0;
                for (const key of serverSubscriptions.keys()) {
                    sendSubscription('subscribe', key);
                }
                // The node handles a socket's frames in order: its pong says every subscription
                // above is in place, so 'connected' means nothing published from now on is missed.
                socket.send(JSON.stringify({ type: 'ping' }));
                break;
            case 'pong':
                setConnectionStatus('connected');
                break;
            case 'cluster-status':
                setClusterMode(Boolean(message.data && message.data.clusterMode));
                break;
            case 'broadcast':
                advance(message.data);
                deliver(message.data.channel, message.data.data);
                break;
            case 'subscribed':
                answered(message.data || {});
                break;
            case 'presence':
                tellPresence(message.data || {});
                break;
            case 'recovery':
                keysOf(message.data.channel).forEach(key => remember(key, message.data));
                notMissedSilently(message.data.channel, message.data.reason || 'not-recovered');
                break;
            default:
                break;
        }
    }

    function deliver(channel, data) {
        const own = data && data.uuid === uuid;
        for (const subscription of Array.from(subscriptions.values())) {
            if (channelMatches(subscription.channel, channel) && !(own && subscription.omitSelf)) {
                try {
                    subscription.callback(data, channel);
                } catch (e) {
                    console.error(`appCluster: subscriber of ${subscription.channel} failed`, e);
                }
            }
        }
    }

    function tellPresence(presence) {
        const view = { channel: presence.channel, users: presence.users || [], anonymous: presence.anonymous || 0,
            joined: presence.joined || [], left: presence.left || [] };
        if (presenceWanted.has(view.channel)) {
            presenceSeen.set(view.channel, view);
        }
        for (const subscription of Array.from(subscriptions.values())) {
            if (subscription.channel === presence.channel && subscription.onPresence) {
                try {
                    subscription.onPresence(view);
                } catch (e) {
                    console.error(`appCluster: onPresence of ${presence.channel} failed`, e);
                }
            }
        }
    }

    function sendSubscription(type, key) {
        if (socket && ready) {
            const separator = key.lastIndexOf('|');
            const request = { type, channel: key.slice(0, separator), omitSelf: key.slice(separator + 1) === 'true' };
            if (type === 'subscribe' && signedIn && presenceWanted.has(request.channel)) {
                request.presence = true;
            }
            if (type === 'subscribe' && positions.has(key)) {
                // Subscribed before, on an earlier socket: ask for what was missed since. Without a
                // known position the node answers recovered:false, which is the truth.
                const since = positions.get(key) || { epoch: '', offset: 0 };
                request.since = { epoch: since.epoch, offset: since.offset };
            } else if (type === 'subscribe') {
                positions.set(key, null);
            }
            socket.send(JSON.stringify(request));
        }
    }

    /** Counted on the channel, or no longer, without touching the subscription or its history. */
    function sendPresence(key, wanted) {
        if (socket && ready && signedIn) {
            const separator = key.lastIndexOf('|');
            socket.send(JSON.stringify({ type: 'subscribe', channel: key.slice(0, separator),
                omitSelf: key.slice(separator + 1) === 'true', presence: wanted }));
        }
    }

    // ---- history positions -----------------------------------------------------------------

    function keysOf(channel) {
        return Array.from(serverSubscriptions.keys()).filter(key => key.slice(0, key.lastIndexOf('|')) === channel);
    }

    /**
     * Keeps the furthest position seen within an epoch; a new epoch replaces the old one. (A
     * recovery frame can arrive after live messages that are further on.)
     */
    function remember(key, position) {
        if (typeof position.epoch !== 'string' || typeof position.offset !== 'number') {
            return;
        }
        const known = positions.get(key);
        if (!known || known.epoch !== position.epoch || known.offset < position.offset) {
            positions.set(key, { epoch: position.epoch, offset: position.offset });
        }
    }

    function advance(message) {
        if (typeof message.epoch !== 'string') {
            return;
        }
        for (const key of serverSubscriptions.keys()) {
            if (channelMatches(key.slice(0, key.lastIndexOf('|')), message.channel)) {
                remember(key, message);
            }
        }
    }

    /** The answer to a subscribe: where the history stands, and whether a resume was complete. */
    function answered(answer) {
        const keys = keysOf(answer.channel);
        keys.forEach(key => remember(key, answer));
        if (answer.recovered === false) {
            notMissedSilently(answer.channel, 'not-recovered');
        }
    }

    /** Messages on channel may be lost: each subscription's onRecover reloads what the page shows. */
    function notMissedSilently(channel, reason) {
        for (const subscription of Array.from(subscriptions.values())) {
            if (subscription.channel === channel && subscription.onRecover) {
                try {
                    subscription.onRecover({ channel, recovered: false, reason });
                } catch (e) {
                    console.error(`appCluster: onRecover of ${channel} failed`, e);
                }
            }
        }
    }

    /** One user of key fewer in counts; whether it was the last. */
    function countDown(counts, key) {
        const left = counts.get(key) - 1;
        if (left > 0) {
            counts.set(key, left);
            return false;
        }
        counts.delete(key);
        return true;
    }

    // ---- public API ------------------------------------------------------------------------

    function subscribe(channel, callback, options) {
        checkChannel(channel, true);
        if (typeof callback !== 'function') {
            throw new Error('appCluster: subscribe needs a callback function');
        }
        const omitSelf = Boolean(options && options.omitSelf);
        const onRecover = options && options.onRecover;
        if (onRecover !== undefined && typeof onRecover !== 'function') {
            throw new Error('appCluster: onRecover must be a function');
        }
        const onPresence = options && options.onPresence;
        if (onPresence !== undefined) {
            if (typeof onPresence !== 'function') {
                throw new Error('appCluster: onPresence must be a function');
            }
            checkChannel(channel, false); // presence is kept per channel, not per pattern
        }
        const id = ++nextId;
        const key = `${channel}|${omitSelf}`;
        subscriptions.set(id, { channel, callback, omitSelf, onRecover, onPresence });
        const watching = onPresence ? (presenceWanted.get(channel) || 0) : -1;
        if (onPresence) {
            presenceWanted.set(channel, watching + 1);
        }
        const count = serverSubscriptions.get(key) || 0;
        serverSubscriptions.set(key, count + 1);
        if (count === 0) {
            sendSubscription('subscribe', key);
        } else if (watching === 0) {
            sendPresence(key, true);
        } else if (watching > 0) {
            // Another subscription already watches this channel: tell this one the latest it knows.
            global.setTimeout(() => {
                const seen = presenceSeen.get(channel);
                if (seen && subscriptions.has(id)) {
                    onPresence({ ...seen, joined: [], left: [] });
                }
            }, 0);
        }
        ensureSocket();
        return {
            channel,
            omitSelf,
            unsubscribe() {
                if (!subscriptions.delete(id)) {
                    return;
                }
                if (countDown(serverSubscriptions, key)) {
                    positions.delete(key);
                    sendSubscription('unsubscribe', key);
                }
                if (onPresence && countDown(presenceWanted, channel)) {
                    presenceSeen.delete(channel);
                    // Still subscribed through another subscription: stop being counted.
                    keysOf(channel).slice(0, 1).forEach(other => sendPresence(other, false));
                }
            }
        };
    }

    async function publish(channel, data, options) {
        checkChannel(channel, false);
        if (data === null || typeof data !== 'object' || Array.isArray(data)) {
            throw new Error('appCluster: publish data must be an object');
        }
        const response = await appClusterFetch(`/api/1/app-cluster/broadcast/${encodeURIComponent(channel)}`, {
            method: 'POST',
            body: { data, omitSelf: Boolean(options && options.omitSelf) }
        });
        if (!response.success) {
            throw new Error(`appCluster: publish failed: ${response.error || response.status}`);
        }
        return response;
    }

    /** A body given as a JSON object text, parsed; null for any other body. */
    function jsonObjectText(body) {
        if (typeof body !== 'string') {
            return null;
        }
        try {
            const parsed = JSON.parse(body);
            return parsed !== null && Object.getPrototypeOf(parsed) === Object.prototype ? parsed : null;
        } catch (e) {
            return null;
        }
    }

    function sameOrigin(url) {
        try {
            return new URL(url, global.location.href).origin === global.location.origin;
        } catch (e) {
            return false;
        }
    }

    /**
     * fetch() that sends an object body (or JSON object text) as JSON with this client's uuid, and
     * to this site only the token proving the uuid is ours, so the server can tell the sender's
     * page apart. The answer is a Response (json(), text(), ok, status…) that also carries the
     * parsed JSON body's fields (response.success, response.item) where they do not clash with it.
     */
    async function appClusterFetch(url, options) {
        const init = Object.assign({}, options);
        const method = (init.method || 'GET').toUpperCase();
        const headers = new Headers(init.headers || {});
        const isWrite = WRITE_METHODS.includes(method);
        const plainBody = init.body !== undefined && init.body !== null && Object.getPrototypeOf(init.body) === Object.prototype;
        const textBody = isWrite ? jsonObjectText(init.body) : null;
        if (plainBody || textBody || (isWrite && init.body === undefined)) {
            const body = Object.assign({}, textBody || init.body || {});
            if (isWrite && body.uuid === undefined) {
                body.uuid = uuid;
            }
            init.body = JSON.stringify(body);
            headers.set('Content-Type', 'application/json');
        }
        if (isWrite && clientToken && sameOrigin(url) && !headers.has(TOKEN_HEADER)) {
            headers.set(TOKEN_HEADER, clientToken);
        }
        if (!headers.has('Accept')) {
            headers.set('Accept', 'application/json');
        }
        init.method = method;
        init.headers = headers;
        const response = await global.fetch(url, init);
        const text = await response.text();
        let json = null;
        try {
            json = text ? JSON.parse(text) : null;
        } catch (e) {
            json = null;
        }
        return wrapResponse(response, text, json);
    }

    function wrapResponse(response, text, json) {
        const wrapped = Object.create({
            get ok() { return response.ok; },
            get status() { return response.status; },
            get statusText() { return response.statusText; },
            get headers() { return response.headers; },
            get url() { return response.url; },
            json: () => Promise.resolve(json),
            text: () => Promise.resolve(text)
        });
        if (json && typeof json === 'object' && !Array.isArray(json)) {
            // A body field named like a Response member (status, ok, json…) is left to json().
            for (const key of Object.keys(json)) {
                if (!(key in wrapped)) {
                    Object.defineProperty(wrapped, key, { value: json[key], enumerable: true, writable: true, configurable: true });
                }
            }
        }
        return wrapped;
    }

    if (global.addEventListener) {
        global.addEventListener('online', reconnectNow);
    }

    jPulse.appCluster = Object.freeze({
        broadcast: Object.freeze({ subscribe, publish }),
        fetch: appClusterFetch,
        getUuid: () => uuid,
        isClusterMode: () => clusterMode,
        onClusterModeChange: listener => listen('clusterMode', listener),
        getConnectionStatus: () => connectionStatus,
        onConnectionChange: listener => listen('connection', listener)
    });
}(typeof window !== 'undefined' ? window : globalThis));
