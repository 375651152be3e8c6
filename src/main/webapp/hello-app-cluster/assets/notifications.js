/* Pattern A: publish from the page, receive on every page of every node. */
(function () {
    'use strict';

    const CHANNEL = 'view:helloCluster:notification:sent';

    document.addEventListener('DOMContentLoaded', () => {
        const { broadcast } = window.jPulse.appCluster;
        const { displayName, toast, element } = window.appClusterDemo;
        const feed = document.getElementById('feed');
        const form = document.getElementById('notify-form');
        const input = document.getElementById('notify-message');
        const error = document.getElementById('notify-error');

        function show(notification, mine) {
            const item = element('li');
            item.dataset.mine = String(mine);
            item.appendChild(element('div', 'text', notification.message));
            const when = new Date(notification.timestamp).toLocaleTimeString();
            item.appendChild(element('div', 'meta', `${mine ? 'You' : notification.senderName} · ${when}`));
            feed.prepend(item);
            document.getElementById('feed-empty').hidden = true;
        }

        broadcast.subscribe(CHANNEL, data => {
            show(data, false);
            toast(`📡 ${data.senderName}: ${data.message}`);
        }, { omitSelf: true });

        form.addEventListener('submit', async event => {
            event.preventDefault();
            const message = input.value.trim();
            error.textContent = '';
            if (!message) {
                error.textContent = 'Write a message first.';
                return;
            }
            const notification = { message, senderName: displayName(), timestamp: Date.now() };
            try {
                await broadcast.publish(CHANNEL, notification);
                show(notification, true);
                input.value = '';
            } catch (e) {
                error.textContent = e.message;
            }
        });
    });
}());
