/* Pattern B: REST writes, server broadcasts, every page applies the change. */
(function () {
    'use strict';

    const API = '/api/1/helloClusterTodo';

    document.addEventListener('DOMContentLoaded', () => {
        const appCluster = window.jPulse.appCluster;
        const { displayName, toast, element } = window.appClusterDemo;
        const list = document.getElementById('todos');
        const error = document.getElementById('todo-error');
        const todos = new Map();

        function render() {
            list.replaceChildren(...Array.from(todos.values())
                .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
                .map(row));
            document.getElementById('todo-empty').hidden = todos.size > 0;
            const done = Array.from(todos.values()).filter(todo => todo.done).length;
            document.getElementById('todo-stats').textContent = `· ${todos.size} items, ${done} done`;
        }

        function row(todo) {
            const item = element('li', todo.done ? 'done' : '');
            item.dataset.id = todo.id;
            const box = element('input');
            box.type = 'checkbox';
            box.checked = todo.done;
            box.id = `todo-${todo.id}`;
            box.addEventListener('change', () => change(`${API}/${todo.id}/toggle`, 'PUT'));
            const label = element('label', 'title', todo.title);
            label.htmlFor = box.id;
            const remove = element('button', 'danger', 'Delete');
            remove.type = 'button';
            remove.setAttribute('aria-label', `Delete ${todo.title}`);
            remove.addEventListener('click', () => change(`${API}/${todo.id}`, 'DELETE'));
            item.append(box, label, element('span', 'meta', `by ${todo.createdBy}`), remove);
            return item;
        }

        function apply(action, todo) {
            if (action === 'deleted') {
                todos.delete(todo.id);
            } else {
                todos.set(todo.id, todo);
            }
            render();
        }

        async function load() {
            const response = await appCluster.fetch(API);
            if (response.success) {
                todos.clear();
                response.data.forEach(todo => todos.set(todo.id, todo));
                render();
            }
        }

        async function change(url, method, body) {
            error.textContent = '';
            const response = await appCluster.fetch(url, { method, body: Object.assign({ user: displayName() }, body) });
            if (!response.success) {
                error.textContent = response.error || `Request failed (${response.status})`;
                if (response.status === 404) {
                    await load();
                }
                return null;
            }
            apply(method === 'DELETE' ? 'deleted' : 'changed', response.item); // optimistic for the sender
            return response.item;
        }

        function showWhoIsHere(presence) {
            const names = presence.users.map(user => user.sockets > 1 ? `${user.username} (${user.sockets} tabs)` : user.username);
            document.getElementById('todo-here').textContent = `Signed in with this list open: ${names.join(', ')}`;
        }

        function onBroadcast(data) {
            apply(data.action, data.todo);
            const text = `${data.user} ${data.action} “${data.todo.title}”`;
            document.getElementById('todo-activity').textContent = `Last change: ${text}`;
            toast(text);
        }

        // After a reconnect the node replays the changes this page missed; when it cannot (they
        // are no longer kept, or Redis was away), onRecover says so and the page reads the list again.
        const options = { omitSelf: true, onRecover: () => load() };
        // Presence on the channel: who, signed in, has the list open on any node (signed-in pages only).
        appCluster.broadcast.subscribe('view:helloClusterTodo:list:changed', onBroadcast, { ...options, onPresence: showWhoIsHere });
        appCluster.broadcast.subscribe('view:helloClusterTodo:item:updated', onBroadcast, options);

        document.getElementById('todo-form').addEventListener('submit', async event => {
            event.preventDefault();
            const input = document.getElementById('todo-title');
            const title = input.value.trim();
            if (!title) {
                error.textContent = 'Write a title first.';
                return;
            }
            if (await change(API, 'POST', { title })) {
                input.value = '';
            }
        });
        load();
    });
}());
