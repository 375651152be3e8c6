/* The admin console: state-changing calls carry the session's CSRF token. */
(function () {
    'use strict';

    async function csrfToken() {
        const me = await (await fetch('/api/1/auth/me')).json();
        return me.data && me.data.csrfToken;
    }

    function cell(row, text) {
        const td = document.createElement('td');
        td.textContent = text;
        row.appendChild(td);
        return td;
    }

    function fill(tableId, rows) {
        document.querySelector(`#${tableId} tbody`).replaceChildren(...rows);
    }

    function uptime(seconds) {
        const h = Math.floor(seconds / 3600);
        const m = Math.floor(seconds % 3600 / 60);
        return h ? `${h} h ${m} min` : `${m} min ${seconds % 60} s`;
    }

    /** Chart ids and the beat figure each draws, one line per node. */
    const CHARTS = [['chart-broadcasts', 'broadcastsPerSecond'], ['chart-frames', 'framesSentPerSecond'],
        ['chart-clients', 'clients'], ['chart-p99', 'publishToSendP99Millis']];
    const CHART_SPAN_MILLIS = 5 * 60 * 1000;

    function drawCharts(instances) {
        const charted = instances.filter(node => node.history && node.history.at);
        CHARTS.forEach(([id, figure]) => window.appClusterCharts.draw(document.getElementById(id), charted.map(node => ({
            name: node.instanceId,
            points: node.history.at.map((at, i) => [Date.parse(at), node.history[figure][i]])
        })), CHART_SPAN_MILLIS));
    }

    function render(cluster) {
        const up = cluster.instances.filter(i => i.status === 'up').length;
        document.getElementById('cluster-summary').textContent = `· ${up} of ${cluster.instances.length} nodes up, seen from ${cluster.self}`;
        fill('instances', cluster.instances.map(node => {
            const row = document.createElement('tr');
            row.dataset.instance = node.instanceId;
            row.dataset.status = node.status;
            cell(row, node.instanceId);
            cell(row, node.status).className = `status-${node.status}`;
            cell(row, uptime(node.uptimeSeconds));
            cell(row, node.redisAvailable ? 'cluster' : 'local-only');
            cell(row, String(node.clients));
            cell(row, String(node.subscriptions));
            cell(row, String(node.broadcastsPerSecond));
            cell(row, String(node.framesSentPerSecond));
            cell(row, `${node.heapUsedMb} / ${node.heapMaxMb} MB`);
            return row;
        }));
        drawCharts(cluster.instances);
        fill('channels', Object.entries(cluster.channels).map(([pattern, count]) => {
            const row = document.createElement('tr');
            cell(row, pattern);
            cell(row, String(count));
            return row;
        }));
        const facts = [
            ['Redis mode', cluster.redis.mode],
            ['Redis', cluster.redis.available ? `available, ${cluster.redis.pingMillis} ms round trip` : 'unavailable (local-only)'],
            ['Redis reconnects', String(cluster.redis.reconnects)],
            ['MongoDB', cluster.mongo.available ? `available, ${cluster.mongo.pingMillis} ms round trip` : 'unavailable']
        ];
        document.getElementById('stores').replaceChildren(...facts.flatMap(([term, value]) => {
            const dt = document.createElement('dt');
            dt.textContent = term;
            const dd = document.createElement('dd');
            dd.textContent = value;
            return [dt, dd];
        }));
        document.getElementById('recent').replaceChildren(...cluster.recent.map(seen => {
            const item = document.createElement('li');
            item.textContent = `${new Date(seen.at).toLocaleTimeString()} · ${seen.channel} · from ${seen.source}`;
            return item;
        }));
    }

    async function refresh() {
        const response = await fetch('/api/1/admin/cluster');
        if (response.status === 401) {
            location.assign('/signin.jsp?next=%2Fadmin%2F');
            return;
        }
        const body = await response.json();
        if (body.success) {
            render(body.data);
        }
    }

    document.addEventListener('DOMContentLoaded', async () => {
        refresh();
        setInterval(refresh, 2000);
        const token = await csrfToken();
        const headers = { 'X-CSRF-Token': token };

        document.getElementById('signout').addEventListener('click', async () => {
            await fetch('/api/1/auth/signout', { method: 'POST' });
            location.assign('/signin.jsp');
        });

        document.getElementById('notice-form').addEventListener('submit', async event => {
            event.preventDefault();
            const result = document.getElementById('notice-result');
            const response = await window.jPulse.appCluster.fetch('/api/1/admin/broadcast-notification', {
                method: 'POST',
                headers,
                body: {
                    message: document.getElementById('notice-message').value,
                    level: document.getElementById('notice-level').value,
                    requestId: crypto.randomUUID ? crypto.randomUUID() : String(Date.now())
                }
            });
            result.textContent = response.success ? 'Sent to every node.' : (response.error || `Failed (${response.status})`);
        });
    });
}());
