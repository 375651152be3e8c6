/* Signs in through the API, then goes back to the page that asked for it (same site only). */
(function () {
    'use strict';

    /**
     * Only a page of this site: the browser resolves the path (it reads a backslash as '/', so a
     * prefix check would let '/%5Cevil.example' through) and the origin must stay ours.
     */
    function nextPage() {
        const next = new URLSearchParams(location.search).get('next') || '/admin/';
        try {
            const target = new URL(next, location.origin);
            return next.startsWith('/') && target.origin === location.origin ? target.pathname + target.search + target.hash : '/admin/';
        } catch (e) {
            return '/admin/';
        }
    }

    document.addEventListener('DOMContentLoaded', () => {
        document.getElementById('signin-form').addEventListener('submit', async event => {
            event.preventDefault();
            const error = document.getElementById('signin-error');
            error.textContent = '';
            const response = await fetch('/api/1/auth/signin', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json' },
                body: JSON.stringify({
                    username: document.getElementById('signin-username').value,
                    password: document.getElementById('signin-password').value
                })
            });
            const body = await response.json().catch(() => ({}));
            if (response.ok && body.success) {
                location.assign(nextPage());
            } else {
                error.textContent = body.error || `Sign-in failed (${response.status})`;
            }
        });
    });
}());
