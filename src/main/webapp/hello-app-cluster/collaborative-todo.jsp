<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Collaborative to-do"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<script src="/hello-app-cluster/assets/todo.js" defer></script>
<h1>Collaborative to-do</h1>
<p class="lead">Pattern B: each change goes through REST, is stored in MongoDB, and the server broadcasts it on
    <code>view:helloClusterTodo:*</code>. Your page updates from the answer; everyone else's from the broadcast.</p>
<section class="card">
    <form id="todo-form" class="stack">
        <label for="todo-title">New to-do</label>
        <div class="row">
            <input id="todo-title" name="title" maxlength="200" required placeholder="What needs doing?">
            <button type="submit">Add</button>
        </div>
        <p id="todo-error" class="error-text" role="alert"></p>
    </form>
</section>
<section class="card">
    <h2>List <span id="todo-stats" class="meta"></span></h2>
    <ul id="todos" class="todos"></ul>
    <p id="todo-empty" class="empty" hidden>Nothing to do. Add the first item.</p>
    <p id="todo-activity" class="meta" aria-live="polite"></p>
    <p id="todo-here" class="meta" aria-live="polite">Sign in to see who else has this list open.</p>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
