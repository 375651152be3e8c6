<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Hello App Cluster"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<h1>Hello, App Cluster</h1>
<p class="lead">Open these pages on two nodes side by side: what one user does on one node appears for everyone on every node.</p>
<div class="grid">
    <section class="card">
        <h2><a href="/hello-app-cluster/notifications.jsp">Notifications</a></h2>
        <p>Pattern A: a page publishes straight to every node. No server logic, nothing stored.</p>
    </section>
    <section class="card">
        <h2><a href="/hello-app-cluster/collaborative-todo.jsp">Collaborative to-do</a></h2>
        <p>Pattern B: REST validates and stores in MongoDB, then the server broadcasts the change.</p>
    </section>
    <section class="card">
        <h2><a href="/hello-app-cluster/dashboard.jsp">Real-time dashboard</a></h2>
        <p>Pattern 3: live activity from every node, and statistics from exactly one node at a time.</p>
    </section>
    <section class="card">
        <h2><a href="/hello-app-cluster/chat.jsp">Multi-server chat</a></h2>
        <p>Use both: chat rooms over a WebSocket namespace, who is online, and user status through REST and App Cluster.</p>
    </section>
    <section class="card">
        <h2><a href="/hello-app-cluster/code-examples.jsp">Code examples</a></h2>
        <p>Copy-paste snippets for the browser library and the Jakarta EE server API.</p>
    </section>
    <section class="card">
        <h2><a href="/hello-app-cluster/architecture.jsp">Architecture</a></h2>
        <p>The components and how one message travels from a click on node A to a page on node B.</p>
    </section>
</div>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
