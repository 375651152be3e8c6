<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Admin"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<script src="/assets/charts.js" defer></script>
<script src="/assets/admin.js" defer></script>
<h1>Admin console</h1>
<p class="lead">Signed in as <strong id="admin-user"><c:out value="${pageContext.request.userPrincipal.name}"/></strong>.
    <button id="signout" class="secondary" type="button">Sign out</button></p>
<section class="card">
    <h2>Cluster <span id="cluster-summary" class="meta"></span></h2>
    <div class="table-wrap">
        <table id="instances" class="data">
            <caption class="meta">Every node announces itself every 2 s; three missed beats mark it gone.</caption>
            <thead><tr><th scope="col">Instance</th><th scope="col">Status</th><th scope="col">Uptime</th><th scope="col">Redis</th>
                <th scope="col">Clients</th><th scope="col">Subscriptions</th><th scope="col">Broadcasts in/s</th><th scope="col">Frames out/s</th><th scope="col">Heap</th></tr></thead>
            <tbody></tbody>
        </table>
    </div>
</section>
<section class="card">
    <h2>Last five minutes <span class="meta">one line per node, from its heartbeats</span></h2>
    <div class="charts">
        <figure class="chart" id="chart-broadcasts"><figcaption>Broadcasts in/s</figcaption>
            <svg role="img" aria-label="Broadcasts in per second, per node"></svg><p class="chart-legend"></p></figure>
        <figure class="chart" id="chart-frames"><figcaption>Frames out/s</figcaption>
            <svg role="img" aria-label="Frames out per second, per node"></svg><p class="chart-legend"></p></figure>
        <figure class="chart" id="chart-clients"><figcaption>Connections</figcaption>
            <svg role="img" aria-label="Connections, per node"></svg><p class="chart-legend"></p></figure>
        <figure class="chart" id="chart-p99"><figcaption>Publish-to-send p99 (ms)</figcaption>
            <svg role="img" aria-label="Publish-to-send p99 in milliseconds, per node"></svg><p class="chart-legend"></p></figure>
    </div>
</section>
<div class="grid">
    <section class="card">
        <h2>Channels</h2>
        <table id="channels" class="data">
            <thead><tr><th scope="col">Pattern</th><th scope="col">Subscribers</th></tr></thead>
            <tbody></tbody>
        </table>
    </section>
    <section class="card">
        <h2>Redis and MongoDB</h2>
        <dl id="stores" class="facts"></dl>
    </section>
</div>
<section class="card">
    <h2>Recent broadcasts</h2>
    <ol id="recent" class="feed"></ol>
</section>
<section class="card">
    <h2>Global notification</h2>
    <p class="meta">Stored, then shown on every demo page of every node. Level <em>error</em> is critical: pages show it as a dialog.</p>
    <form id="notice-form" class="stack">
        <label for="notice-message">Message</label>
        <input id="notice-message" name="message" maxlength="1000" required>
        <label for="notice-level">Level</label>
        <select id="notice-level" name="level">
            <option value="info">info</option>
            <option value="success">success</option>
            <option value="warning">warning</option>
            <option value="error">error (critical)</option>
        </select>
        <div><button type="submit">Send to everyone</button></div>
        <p id="notice-result" class="meta" role="status"></p>
    </form>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
