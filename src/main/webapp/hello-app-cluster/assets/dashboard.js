/* Pattern 3: a dashboard fed by broadcasts, seeded by one REST call. */
(function () {
    'use strict';

    const CHANNEL = 'view:dashboard:activity:update';
    const CHART_SPAN_MILLIS = 10 * 60 * 1000;

    document.addEventListener('DOMContentLoaded', async () => {
        const appCluster = window.jPulse.appCluster;
        const { element } = window.appClusterDemo;

        /** Statistics received since the page opened: [time, data], oldest first. */
        const history = [];

        function chart(id, name, value) {
            window.appClusterCharts.draw(document.getElementById(id),
                [{ name, points: history.map(([time, data]) => [time, value(data)]) }], CHART_SPAN_MILLIS);
        }

        function showStats(data) {
            const time = Date.parse(data.timestamp);
            if (!history.length || time > history[history.length - 1][0]) {
                history.push([time, data]);
            }
            while (history.length && history[0][0] < Date.now() - CHART_SPAN_MILLIS) {
                history.shift();
            }
            chart('chart-users', 'active users', stats => stats.activeUsers);
            chart('chart-rate', 'broadcasts/s', stats => stats.stats.broadcastsPerSecond);
            chart('chart-todos', 'to-dos', stats => stats.stats.todos);
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
