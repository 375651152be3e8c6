<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Code examples"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<script src="/hello-app-cluster/assets/code-examples.js" defer></script>
<h1>Code examples</h1>
<p class="lead">Copy-paste snippets. Browsers may use <code>view:*</code> channels only; the server may use all three layers.</p>

<section class="card">
    <div class="snippet-head"><h2 id="s-subscribe">Subscribe in a page</h2><button class="secondary copy" type="button" aria-describedby="s-subscribe">Copy</button></div>
    <pre><code>&lt;script src="/js/jpulse-app-cluster.js"&gt;&lt;/script&gt;
const handle = jPulse.appCluster.broadcast.subscribe(
    'view:myApp:task:*',                        // wildcards match whole segments
    (data, channel) =&gt; console.log(channel, data),
    {
        omitSelf: true,                        // skip what this tab caused
        onRecover: () =&gt; reloadTasks()          // missed messages could not be replayed
    }
);
// later: handle.unsubscribe();
// After a reconnect the node replays what this page missed on channels with history
// (history.channels); when it cannot, onRecover says so and the page reads its state again.</code></pre>
</section>

<section class="card">
    <div class="snippet-head"><h2 id="s-channel-presence">Who else is on a channel</h2><button class="secondary copy" type="button" aria-describedby="s-channel-presence">Copy</button></div>
    <pre><code>// Signed-in pages only: presence lists usernames, so a visitor's page is neither counted nor told.
jPulse.appCluster.broadcast.subscribe('view:myApp:document:42', applyEdit, {
    onPresence: ({ users, joined, left }) =&gt;     // on joining, then on every change, on any node
        showViewers(users.map(user =&gt; user.username))
});</code></pre>
</section>

<section class="card">
    <div class="snippet-head"><h2 id="s-publish">Publish from a page (Pattern A)</h2><button class="secondary copy" type="button" aria-describedby="s-publish">Copy</button></div>
    <pre><code>await jPulse.appCluster.broadcast.publish(
    'view:myApp:notification:sent',
    { message: 'Hello from another server!', senderName: 'Jane', timestamp: Date.now() },
    { omitSelf: true }                         // this tab does not get it back
);</code></pre>
</section>

<section class="card">
    <div class="snippet-head"><h2 id="s-fetch">Change data through REST (Pattern B)</h2><button class="secondary copy" type="button" aria-describedby="s-fetch">Copy</button></div>
    <pre><code>const response = await jPulse.appCluster.fetch('/api/1/helloClusterTodo', {
    method: 'POST',
    body: { title: 'New task' }                // sent as JSON, with this tab's uuid added
});
if (response.success) {
    addItemToUI(response.item);                // or: const json = await response.json();
}
jPulse.appCluster.onClusterModeChange(cluster =&gt; console.log(cluster ? 'cluster' : 'local only'));</code></pre>
</section>

<section class="card">
    <div class="snippet-head"><h2 id="s-module">Single-page apps: import as a module</h2><button class="secondary copy" type="button" aria-describedby="s-module">Copy</button></div>
    <pre><code>import { appCluster } from '/js/jpulse-app-cluster.mjs';

appCluster.broadcast.subscribe('view:myApp:list:changed', data =&gt; store.apply(data));</code></pre>
</section>

<section class="card">
    <div class="snippet-head"><h2 id="s-server">Server: store, fire a CDI event, publish from a singleton EJB</h2><button class="secondary copy" type="button" aria-describedby="s-server">Copy</button></div>
    <pre><code>@Path("tasks") @RequestScoped
public class TasksResource {
    @Inject TaskStore store;
    @Inject Event&lt;TaskCreated&gt; created;

    @POST
    public Task create(@Valid NewTask request) {
        Task task = store.save(request);             // a failed write throws: nothing is broadcast
        created.fire(new TaskCreated(task, request.uuid()));
        return task;
    }
}

@Singleton @Lock(LockType.READ)
public class TaskBroadcaster {
    @Inject Broadcaster broadcaster;

    public void onTaskCreated(@Observes TaskCreated event) {
        broadcaster.publish("view:myApp:task:created",
                Map.of("action", "created", "task", event.task(), "uuid", event.uuid()));
    }
}</code></pre>
</section>

<section class="card">
    <div class="snippet-head"><h2 id="s-callback">Server: react to other nodes</h2><button class="secondary copy" type="button" aria-describedby="s-callback">Copy</button></div>
    <pre><code>@Inject Broadcaster broadcaster;

void onStart(@Observes Startup startup) {
    // controller: and model: callbacks skip this node's own messages unless told otherwise
    broadcaster.subscribe("controller:myApp:cache:*",
            (channel, data, sourceInstanceId) -&gt; cache.invalidate(data.getString("key")));
}

boolean reachedRedis = broadcaster.publish("controller:myApp:cache:refresh", Map.of("key", "prices"));</code></pre>
</section>
<section class="card">
    <div class="snippet-head"><h2 id="s-per-user">Pattern 4: one user's cart on all their devices</h2><button class="secondary copy" type="button" aria-describedby="s-per-user">Copy</button></div>
    <pre><code>// Page (signed in): every device of this user follows the cart; other users' pages get nothing
jPulse.appCluster.broadcast.subscribe('view:cart:items:changed',
    data =&gt; renderCart(data.items), { omitSelf: true });
await jPulse.appCluster.fetch('/api/1/cart', { method: 'PUT', body: { items: ['tea', 'cups'] } });

// Server: store, then publish to that user alone (view:cart:* is server-owned)
@Inject Broadcaster broadcaster;

public void onCartChanged(@Observes CartChanged change) {
    broadcaster.publishToUser(change.username(), change.uuid(), "view:cart:items:changed",
            Map.of("items", change.items()));
}</code></pre>
</section>

<section class="card">
    <div class="snippet-head"><h2 id="s-ws-client">Chat-like traffic: a WebSocket namespace in a page</h2><button class="secondary copy" type="button" aria-describedby="s-ws-client">Copy</button></div>
    <pre><code>&lt;script src="/js/jpulse-app-cluster.js"&gt;&lt;/script&gt;
&lt;script src="/js/jpulse-ws.js"&gt;&lt;/script&gt;

const hello = jPulse.ws.connect('/api/1/ws/hello')
    .onMessage(message =&gt; {
        if (message.success &amp;&amp; message.data.type === 'message') {
            show(message.data.text);                        // set as textContent
        }
        if (message.requestId &amp;&amp; message.data?.type === 'question') {
            hello.reply(message, { text: 'An answer' });    // the server asked this page
        }
    });
hello.send({ type: 'message', text: 'Hello, every node!' });
const time = await hello.request({ type: 'time' });     // always resolves
if (!time.success) console.warn(time.code);             // NOT_CONNECTED, REQUEST_TIMEOUT, ...</code></pre>
</section>

<section class="card">
    <div class="snippet-head"><h2 id="s-ws-server">Server: declare a namespace</h2><button class="secondary copy" type="button" aria-describedby="s-ws-server">Copy</button></div>
    <pre><code>@ApplicationScoped
@WebSocketNamespace(value = "/api/1/ws/chat/{room}", signedIn = true, presence = true)
public class ChatNamespace implements NamespaceHandler {

    @Inject Namespaces namespaces;

    @Override
    public void onMessage(NamespaceMessage message) {
        switch (message.type()) {
            // to everyone in the sender's room, on every node
            case "message" -&gt; namespaces.broadcastFrom(message.client(),
                    Map.of("type", "message", "text", message.data().getString("text")));
            // a request: the reply carries its requestId
            case "time" -&gt; message.reply(Map.of("time", Instant.now().toString()));
            default -&gt; { }   // an unanswered request gets NO_REPLY
        }
    }
}

// anywhere else: every socket of one user, on whichever node holds it
namespaces.sendToUser("/api/1/ws/chat/{room}", "alice", Map.of("type", "notice", "text", "Hi"));</code></pre>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
