<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Multi-server chat"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<script src="/js/jpulse-ws.js" defer></script>
<script src="/hello-app-cluster/assets/chat.js" defer></script>
<h1>Multi-server chat</h1>
<p class="lead">Use both: messages, typing and who is online travel over the WebSocket namespace
    <code>/api/1/ws/chat/&lt;room&gt;</code> (<code>jPulse.ws</code>) to every node; your status goes through
    <code>PUT /api/1/chat/status</code> and spreads as an App Cluster broadcast on <code>view:chat:user:status</code>.</p>
<section id="chat-signed-out" class="card" hidden>
    <p>The chat is for signed-in users. <a href="/signin.jsp?next=/hello-app-cluster/chat.jsp">Sign in</a> to join a room.</p>
</section>
<section id="chat" class="card" hidden>
    <div class="chat-bar">
        <form id="room-form" class="row">
            <label for="room">Room</label>
            <input id="room" name="room" maxlength="40" pattern="[A-Za-z0-9_.\-]{1,40}" value="lobby" required>
            <button type="submit">Join</button>
        </form>
        <div class="row">
            <label for="status">Your status</label>
            <select id="status" name="status">
                <option value="available">Available</option>
                <option value="away">Away</option>
            </select>
        </div>
        <span id="chat-connection" class="badge badge-muted">connecting</span>
    </div>
    <div class="chat-layout">
        <div>
            <h2>Room <span id="room-name"></span></h2>
            <ol id="messages" class="messages" aria-live="polite"></ol>
            <p id="typing" class="meta" aria-live="polite"></p>
            <form id="message-form" class="stack">
                <label for="message">Message</label>
                <div class="row">
                    <input id="message" name="message" maxlength="1000" autocomplete="off" required>
                    <button type="submit">Send</button>
                </div>
                <p id="chat-error" class="error-text" role="alert"></p>
            </form>
        </div>
        <aside aria-labelledby="online-heading">
            <h2 id="online-heading">Online <span id="online-count" class="meta"></span></h2>
            <ul id="online" class="online"></ul>
        </aside>
    </div>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
