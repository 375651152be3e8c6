/*
 * The seed's "Use BOTH" chat: jPulse.ws for messages, typing and presence in a room;
 * jPulse.appCluster for user status, changed through REST and broadcast on view:chat:user:status.
 * Every text from users is set as textContent.
 */
(function () {
    'use strict';

    const STATUS_CHANNEL = 'view:chat:user:status';
    const TYPING_SHOWN_MS = 4000;
    const TYPING_RESEND_MS = 2000;

    document.addEventListener('DOMContentLoaded', async () => {
        const appCluster = window.jPulse.appCluster;
        const { element } = window.appClusterDemo;
        const me = await (await fetch('/api/1/auth/me', { headers: { Accept: 'application/json' } })).json();
        if (!me.data || !me.data.signedIn) {
            document.getElementById('chat-signed-out').hidden = false;
            return;
        }
        document.getElementById('chat').hidden = false;
        const username = me.data.username;
        const messages = new Map();
        const typing = new Map();
        const statuses = new Map();
        let presence = [];
        let room = null;
        let chat = null;
        let typingSentAt = 0;

        // ---- user status: REST in, App Cluster broadcast out -----------------------------------

        appCluster.broadcast.subscribe(STATUS_CHANNEL, data => {
            statuses.set(data.username, data.status);
            renderOnline();
        }, { omitSelf: true });

        const loaded = await appCluster.fetch('/api/1/chat/status');
        if (loaded.success) {
            loaded.data.forEach(status => statuses.set(status.username, status.status));
        }
        const select = document.getElementById('status');
        select.value = statuses.get(username) || 'available';
        select.addEventListener('change', async () => {
            const answer = await appCluster.fetch('/api/1/chat/status', { method: 'PUT', body: { status: select.value } });
            if (answer.success) {
                statuses.set(username, answer.data.status);
                renderOnline();
            } else {
                showError(answer.error || 'The status could not be set');
            }
        });

        // ---- the room: jPulse.ws ----------------------------------------------------------------

        function join(name) {
            if (chat) {
                chat.disconnect();
            }
            room = name;
            messages.clear();
            typing.clear();
            presence = [];
            document.getElementById('room-name').textContent = name;
            document.getElementById('room').value = name;
            renderMessages();
            renderOnline();
            renderTyping();
            chat = window.jPulse.ws.connect(`/api/1/ws/chat/${encodeURIComponent(name)}`);
            chat.onStatusChange(showConnection).onMessage(message => receive(chat, message));
            showConnection(chat.getStatus());
        }

        function receive(handle, message) {
            if (handle !== chat) {
                return; // a room left meanwhile
            }
            if (!message.success) {
                showError(message.error);
                return;
            }
            const data = message.data;
            switch (data.type) {
                case 'connected':
                    loadHistory(handle);
                    break;
                case 'message':
                    typing.delete(data.username);
                    messages.set(data.id, data);
                    renderMessages();
                    renderTyping();
                    break;
                case 'typing':
                    if (data.username !== username) {
                        if (data.typing) {
                            typing.set(data.username, Date.now());
                        } else {
                            typing.delete(data.username);
                        }
                        renderTyping();
                    }
                    break;
                case 'presence':
                    presence = data.users;
                    renderOnline();
                    break;
                default:
                    break;
            }
        }

        /** On every (re)connect: what was said while this page was away is merged in by id. */
        async function loadHistory(handle) {
            const answer = await handle.request({ type: 'history' });
            if (handle === chat && answer.success) {
                answer.data.messages.forEach(stored => messages.set(stored.id, stored));
                renderMessages();
            }
        }

        // ---- rendering --------------------------------------------------------------------------

        function renderMessages() {
            const list = document.getElementById('messages');
            const sorted = Array.from(messages.values()).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
            list.replaceChildren(...sorted.map(message => {
                const item = element('li', message.username === username ? 'mine' : '');
                item.append(element('strong', '', message.username), element('span', 'meta', ` ${new Date(message.at).toLocaleTimeString()}`),
                    element('p', 'chat-text', message.text));
                return item;
            }));
            list.scrollTop = list.scrollHeight;
        }

        function renderOnline() {
            const list = document.getElementById('online');
            list.replaceChildren(...presence.map(user => {
                const status = statuses.get(user.username) || 'available';
                const item = element('li', `status-${status}`);
                item.dataset.username = user.username;
                item.append(element('span', 'dot', ''), element('span', '', user.username),
                    element('span', 'meta', ` ${status}${user.sockets > 1 ? ` · ${user.sockets} tabs` : ''}`));
                return item;
            }));
            document.getElementById('online-count').textContent = `· ${presence.length}`;
        }

        function renderTyping() {
            const now = Date.now();
            const names = Array.from(typing.entries()).filter(([, at]) => now - at < TYPING_SHOWN_MS).map(([name]) => name);
            document.getElementById('typing').textContent = names.length === 0 ? ''
                : `${names.join(', ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
        }
        setInterval(renderTyping, 1000);

        function showConnection(status) {
            const badge = document.getElementById('chat-connection');
            badge.textContent = status;
            badge.className = `badge ${status === 'connected' ? 'badge-cluster' : 'badge-muted'}`;
        }

        function showError(text) {
            document.getElementById('chat-error').textContent = text || '';
        }

        // ---- input ------------------------------------------------------------------------------

        const input = document.getElementById('message');
        input.addEventListener('input', () => {
            if (chat && input.value && Date.now() - typingSentAt > TYPING_RESEND_MS) {
                typingSentAt = Date.now();
                chat.send({ type: 'typing', typing: true });
            }
        });
        document.getElementById('message-form').addEventListener('submit', async event => {
            event.preventDefault();
            const text = input.value.trim();
            if (!text || !chat) {
                return;
            }
            showError('');
            const answer = await chat.request({ type: 'message', text });
            if (answer.success) {
                input.value = '';
                typingSentAt = 0;
            } else {
                showError(answer.error);
            }
        });
        document.getElementById('room-form').addEventListener('submit', event => {
            event.preventDefault();
            const name = document.getElementById('room').value.trim();
            if (/^[A-Za-z0-9_.-]{1,40}$/.test(name) && name !== room) {
                join(name);
            }
        });

        join(new URLSearchParams(window.location.search).get('room') || 'lobby');
    });
})();
