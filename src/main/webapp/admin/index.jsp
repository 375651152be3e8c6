<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Admin"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<script src="/assets/admin.js" defer></script>
<h1>Admin console</h1>
<p class="lead">Signed in as <strong id="admin-user"><c:out value="${pageContext.request.userPrincipal.name}"/></strong>.
    <button id="signout" class="secondary" type="button">Sign out</button></p>
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
