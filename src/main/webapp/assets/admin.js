/* The admin console: state-changing calls carry the session's CSRF token. */
(function () {
    'use strict';

    async function csrfToken() {
        const me = await (await fetch('/api/1/auth/me')).json();
        return me.data && me.data.csrfToken;
    }

    document.addEventListener('DOMContentLoaded', async () => {
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
