/*
 * Shared by the demo pages: the live mode and connection badges, the visitor's display name,
 * and toasts. User text is only ever set as textContent.
 */
(function () {
    'use strict';

    const NAME_KEY = 'appClusterDemo.displayName';
    const ADJECTIVES = ['Brave', 'Calm', 'Clever', 'Eager', 'Gentle', 'Happy', 'Jolly', 'Kind', 'Lucky', 'Swift'];
    const ANIMALS = ['Otter', 'Falcon', 'Panda', 'Lynx', 'Heron', 'Badger', 'Koala', 'Puffin', 'Fox', 'Whale'];

    function pick(list) {
        return list[Math.floor(Math.random() * list.length)];
    }

    function displayName() {
        let name = localStorage.getItem(NAME_KEY);
        if (!name) {
            name = `${pick(ADJECTIVES)} ${pick(ANIMALS)} ${Math.floor(Math.random() * 90) + 10}`;
            localStorage.setItem(NAME_KEY, name);
        }
        return name;
    }

    function toast(text, level) {
        const box = document.getElementById('toasts');
        const item = document.createElement('div');
        item.className = `toast ${level || 'info'}`;
        item.setAttribute('role', 'status');
        item.textContent = text;
        box.appendChild(item);
        setTimeout(() => item.remove(), 6000);
    }

    function element(tag, className, text) {
        const node = document.createElement(tag);
        if (className) {
            node.className = className;
        }
        if (text !== undefined) {
            node.textContent = text;
        }
        return node;
    }

    function showMode(clusterMode) {
        const badge = document.getElementById('cluster-mode');
        badge.dataset.mode = clusterMode ? 'cluster' : 'local';
        badge.className = `badge badge-${badge.dataset.mode}`;
        badge.textContent = clusterMode ? 'Cluster mode' : 'Local-only mode';
    }

    function showConnection(status) {
        const badge = document.getElementById('connection');
        badge.dataset.status = status;
        badge.textContent = status === 'connected' ? 'live' : status;
    }

    /** The seed's Pattern 2: an admin's notice reaches every page; a critical one asks to be read. */
    function showGlobalNotification(notice) {
        toast(notice.message, notice.level === 'error' ? 'warning' : 'info');
        if (!notice.critical) {
            return;
        }
        const dialog = element('dialog', 'notice');
        dialog.setAttribute('aria-labelledby', 'notice-title');
        const title = element('h2', '', 'Important notice');
        title.id = 'notice-title';
        const close = element('button', '', 'OK');
        close.type = 'button';
        close.addEventListener('click', () => dialog.close());
        dialog.addEventListener('close', () => dialog.remove());
        dialog.append(title, element('p', 'notice-text', notice.message), close);
        document.body.appendChild(dialog);
        dialog.showModal();
    }

    window.appClusterDemo = { displayName, toast, element };

    document.addEventListener('DOMContentLoaded', () => {
        const appCluster = window.jPulse.appCluster;
        const input = document.getElementById('display-name');
        input.value = displayName();
        input.addEventListener('change', () => {
            const name = input.value.trim().slice(0, 40);
            if (name) {
                localStorage.setItem(NAME_KEY, name);
            }
            input.value = displayName();
        });
        document.getElementById('display-name-form').addEventListener('submit', event => {
            event.preventDefault();
            input.dispatchEvent(new Event('change'));
        });
        appCluster.broadcast.subscribe('view:system:notification:global', showGlobalNotification);
        appCluster.onClusterModeChange(showMode);
        appCluster.onConnectionChange(showConnection);
        showMode(appCluster.isClusterMode());
        showConnection(appCluster.getConnectionStatus());
    });
}());
