<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Architecture"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<h1>Architecture</h1>
<p class="lead">Every node runs the same WAR. Redis carries messages between nodes; MongoDB holds the data; each node relays to its own browsers.</p>

<section class="card">
    <h2 id="components">Components</h2>
    <svg class="diagram" viewBox="0 0 900 430" role="img" aria-labelledby="components components-desc">
        <desc id="components-desc">Browsers connect by REST and WebSocket to node A and node B. Each node has a REST resource, a singleton EJB, the Broadcaster, the Redis bus, a dispatcher thread and the WebSocket endpoint. Both nodes connect to one Redis and one MongoDB.</desc>
        <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                <path d="M0,0 L10,5 L0,10 z" fill="#566173"/>
            </marker>
        </defs>
        <rect class="d-box" x="70" y="15" width="260" height="44"/><text class="d-label" x="200" y="42">Browsers on node A</text>
        <rect class="d-box" x="570" y="15" width="260" height="44"/><text class="d-label" x="700" y="42">Browsers on node B</text>
        <g>
            <rect class="d-node" x="20" y="90" width="360" height="220"/><text class="d-label" x="200" y="112">Node A (Payara / WildFly)</text>
            <rect class="d-box" x="40" y="125" width="150" height="40"/><text class="d-small" x="115" y="150">TodosResource (JAX-RS)</text>
            <rect class="d-box" x="210" y="125" width="150" height="40"/><text class="d-small" x="285" y="150">BroadcastEndpoint (WS)</text>
            <rect class="d-box" x="40" y="185" width="150" height="40"/><text class="d-small" x="115" y="210">TodoBroadcaster (EJB)</text>
            <rect class="d-box" x="210" y="185" width="150" height="40"/><text class="d-small" x="285" y="210">ClientRegistry</text>
            <rect class="d-box" x="40" y="245" width="150" height="40"/><text class="d-small" x="115" y="270">Broadcaster → RedisBus</text>
            <rect class="d-box" x="210" y="245" width="150" height="40"/><text class="d-small" x="285" y="270">Dispatcher thread</text>
        </g>
        <g>
            <rect class="d-node" x="520" y="90" width="360" height="220"/><text class="d-label" x="700" y="112">Node B (same WAR)</text>
            <rect class="d-box" x="540" y="125" width="150" height="40"/><text class="d-small" x="615" y="150">TodosResource (JAX-RS)</text>
            <rect class="d-box" x="710" y="125" width="150" height="40"/><text class="d-small" x="785" y="150">BroadcastEndpoint (WS)</text>
            <rect class="d-box" x="540" y="185" width="150" height="40"/><text class="d-small" x="615" y="210">TodoBroadcaster (EJB)</text>
            <rect class="d-box" x="710" y="185" width="150" height="40"/><text class="d-small" x="785" y="210">ClientRegistry</text>
            <rect class="d-box" x="540" y="245" width="150" height="40"/><text class="d-small" x="615" y="270">Broadcaster → RedisBus</text>
            <rect class="d-box" x="710" y="245" width="150" height="40"/><text class="d-small" x="785" y="270">Dispatcher thread</text>
        </g>
        <rect class="d-store" x="330" y="350" width="240" height="60"/><text class="d-label" x="450" y="376">Redis pub/sub</text><text class="d-small" x="450" y="396">&lt;site&gt;:&lt;stage&gt;:bc:&lt;channel&gt;</text>
        <rect class="d-store" x="20" y="350" width="180" height="60"/><text class="d-label" x="110" y="385">MongoDB</text>
        <path class="d-flow" d="M140,59 L115,125"/>
        <path class="d-flow" d="M285,125 L260,59"/>
        <path class="d-flow" d="M785,125 L760,59"/>
        <path class="d-flow" d="M115,165 L115,185"/>
        <path class="d-flow" d="M115,225 L115,245"/>
        <path class="d-flow" d="M80,165 L80,350"/>
        <path class="d-flow" d="M190,270 C300,330 330,360 330,370"/>
        <path class="d-flow" d="M570,370 C600,330 700,320 785,285"/>
        <path class="d-flow" d="M450,350 C420,320 330,300 285,285"/>
        <path class="d-flow" d="M285,245 L285,225"/>
        <path class="d-flow" d="M285,185 L285,165"/>
        <path class="d-flow" d="M785,245 L785,225"/>
        <path class="d-flow" d="M785,185 L785,165"/>
    </svg>
</section>

<section class="card">
    <h2>One change, step by step</h2>
    <ol class="steps">
        <li><strong>Browser 1 → node A:</strong> <code>POST /api/1/helloClusterTodo</code> with <code>{title, uuid}</code> through <code>jPulse.appCluster.fetch</code>.</li>
        <li><strong>Node A:</strong> validates, stores in MongoDB, answers with the item (browser 1 shows it at once), then fires a <code>TodoChanged</code> CDI event.</li>
        <li><strong>Node A:</strong> the <code>TodoBroadcaster</code> singleton EJB publishes <code>view:helloClusterTodo:list:changed</code> to Redis. A failed write fires nothing.</li>
        <li><strong>Redis → every node</strong>, node A included: the pub/sub connection hands the message to the node's dispatcher thread.</li>
        <li><strong>Each node:</strong> runs matching server callbacks, serialises the frame once and queues it to each subscribed socket, skipping sockets whose <code>omitSelf</code> subscription matches the sender's uuid.</li>
        <li><strong>Browsers 2, 3…:</strong> update from the broadcast. Without Redis, step 4 stays on node A and the page badge says local-only.</li>
    </ol>
</section>

<section class="card">
    <h2>WebSocket namespaces: one chat message, step by step</h2>
    <ol class="steps">
        <li><strong>Browser 1 → node A:</strong> <code>{type:"message", text, requestId}</code> on its <code>/api/1/ws/chat/lobby</code> socket (<code>jPulse.ws</code>); the handshake was refused with 401 unless signed in.</li>
        <li><strong>Node A:</strong> checks size, JSON and rate, calls the <code>@WebSocketNamespace</code> bean, which stores the message in MongoDB and calls <code>namespaces.broadcastFrom(...)</code>; the request is answered.</li>
        <li><strong>Node A → Redis:</strong> the message goes out on the server-only channel <code>controller:ws:namespace:broadcast</code>, which browsers can never subscribe to.</li>
        <li><strong>Redis → every node</strong>, node A included: each node's dispatcher thread hands it to its own sockets of that room, the frame built once per node.</li>
        <li><strong>Presence:</strong> each node announces its sockets per room on <code>controller:ws:presence:*</code> and repeats the count every 2 s; a node that falls silent drops out of every room within seconds.</li>
        <li><strong>User status</strong> does not use the socket: <code>PUT /api/1/chat/status</code> stores it and a singleton EJB broadcasts <code>view:chat:user:status</code>, as every App Cluster change.</li>
    </ol>
</section>

<section class="card">
    <h2>Message flow</h2>
    <svg class="diagram" viewBox="0 0 900 260" role="img" aria-labelledby="flow-title">
        <title id="flow-title">Sequence: browser 1, node A, Redis, node B, browser 2</title>
        <defs>
            <marker id="arrow2" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">
                <path d="M0,0 L10,5 L0,10 z" fill="#0b5cad"/>
            </marker>
        </defs>
        <text class="d-who" x="90" y="24">Browser 1</text><text class="d-who" x="270" y="24">Node A</text>
        <text class="d-who" x="450" y="24">Redis</text><text class="d-who" x="630" y="24">Node B</text><text class="d-who" x="810" y="24">Browser 2</text>
        <line class="d-lane" x1="90" y1="34" x2="90" y2="250"/><line class="d-lane" x1="270" y1="34" x2="270" y2="250"/>
        <line class="d-lane" x1="450" y1="34" x2="450" y2="250"/><line class="d-lane" x1="630" y1="34" x2="630" y2="250"/>
        <line class="d-lane" x1="810" y1="34" x2="810" y2="250"/>
        <line class="d-msg" x1="90" y1="60" x2="266" y2="60"/><text class="d-txt" x="180" y="54">POST (title, uuid)</text>
        <line class="d-msg" x1="270" y1="95" x2="94" y2="95"/><text class="d-txt" x="180" y="89">200 {item}: shown at once</text>
        <line class="d-msg" x1="270" y1="130" x2="446" y2="130"/><text class="d-txt" x="360" y="124">PUBLISH envelope</text>
        <line class="d-msg" x1="450" y1="165" x2="626" y2="165"/><text class="d-txt" x="540" y="159">message</text>
        <line class="d-msg" x1="450" y1="165" x2="274" y2="190"/><text class="d-txt" x="360" y="196">echo: skipped for browser 1</text>
        <line class="d-msg" x1="630" y1="220" x2="806" y2="220"/><text class="d-txt" x="720" y="214">broadcast frame</text>
    </svg>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
