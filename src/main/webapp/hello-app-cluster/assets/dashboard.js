/* Pattern 3: a dashboard fed by broadcasts, seeded by one REST call. */
(function () {
    'use strict';

    const CHANNEL = 'view:dashboard:activity:update';

    document.addEventListener('DOMContentLoaded', async () => {
        const appCluster = window.jPulse.appCluster;
        const { element } = window.appClusterDemo;

        function showStats(data) {
            document.getElementById('active-users').textContent = String(data.activeUsers);
            document.getElementById('nodes-up').textContent = String(data.stats.nodesUp);
            document.getElementById('todo-total').textContent = String(data.stats.todos);
            document.getElementById('broadcast-rate').textContent = String(data.stats.broadcastsPerSecond);
            document.getElementById('stats-leader').textContent = data.leader;
            document.getElementById('stats-updated').textContent = new Date(data.timestamp).toLocaleTimeString();
        }

        function showAction(data) {
            const item = element('li');
            item.appendChild(element('div', 'text', `${data.action.user}: ${data.action.type} “${data.action.details}”`));
            item.appendChild(element('div', 'meta', new Date(data.timestamp).toLocaleTimeString()));
            const list = document.getElementById('actions');
            list.prepend(item);
            while (list.children.length > 50) {
                list.lastChild.remove();
            }
            document.getElementById('actions-empty').hidden = true;
        }

        appCluster.broadcast.subscribe(CHANNEL, data => {
            if (data.stats) {
                showStats(data);
            }
            if (data.action) {
                showAction(data);
            }
        });
        const initial = await appCluster.fetch('/api/1/dashboard/stats');
        if (initial.success) {
            showStats(initial.data);
        }
    });
}());
