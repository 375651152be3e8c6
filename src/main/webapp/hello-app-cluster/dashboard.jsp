<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Dashboard"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<script src="/assets/charts.js" defer></script>
<script src="/hello-app-cluster/assets/dashboard.js" defer></script>
<h1>Real-time dashboard</h1>
<p class="lead">Pattern 3: <code>view:dashboard:activity:update</code> carries user actions from every node and, every few
    seconds, cluster statistics published by exactly one node (the holder of a Redis lease).</p>
<div class="grid">
    <section class="card"><h2>Active users</h2><p id="active-users" class="big">–</p></section>
    <section class="card"><h2>Nodes up</h2><p id="nodes-up" class="big">–</p></section>
    <section class="card"><h2>To-dos</h2><p id="todo-total" class="big">–</p></section>
    <section class="card"><h2>Broadcasts/s</h2><p id="broadcast-rate" class="big">–</p></section>
</div>
<p class="meta">Statistics from <strong id="stats-leader">–</strong>, updated <span id="stats-updated">–</span>.</p>
<section class="card">
    <h2>Over time <span class="meta">since this page opened, the last ten minutes</span></h2>
    <div class="charts">
        <figure class="chart" id="chart-users"><figcaption>Active users</figcaption>
            <svg role="img" aria-label="Active users over time"></svg><p class="chart-legend"></p></figure>
        <figure class="chart" id="chart-rate"><figcaption>Broadcasts/s</figcaption>
            <svg role="img" aria-label="Broadcasts per second over time"></svg><p class="chart-legend"></p></figure>
        <figure class="chart" id="chart-todos"><figcaption>To-dos</figcaption>
            <svg role="img" aria-label="To-dos over time"></svg><p class="chart-legend"></p></figure>
    </div>
</section>
<section class="card">
    <h2>Recent actions</h2>
    <ol id="actions" class="feed" aria-live="polite"></ol>
    <p id="actions-empty" class="empty">No actions yet: change the <a href="/hello-app-cluster/collaborative-todo.jsp">to-do list</a> on any node.</p>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
