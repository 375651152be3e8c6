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
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
