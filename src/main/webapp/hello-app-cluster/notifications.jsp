<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Notifications"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<script src="/hello-app-cluster/assets/notifications.js" defer></script>
<h1>Notifications</h1>
<p class="lead">Pattern A: this page publishes on <code>view:helloCluster:notification:sent</code>; every page on every node shows it.
    Your own message appears once, added here as you send it; the broadcast skips you (<code>omitSelf</code>).</p>
<section class="card">
    <form id="notify-form" class="stack">
        <label for="notify-message">Message</label>
        <div class="row">
            <input id="notify-message" name="message" maxlength="500" required placeholder="Hello from this node!">
            <button type="submit">Send to all</button>
        </div>
        <p id="notify-error" class="error-text" role="alert"></p>
    </form>
</section>
<section class="card">
    <h2>Feed</h2>
    <ul id="feed" class="feed" aria-live="polite"></ul>
    <p id="feed-empty" class="empty">Nothing yet. Send one, or send from another node.</p>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
