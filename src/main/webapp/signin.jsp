<%@ taglib prefix="c" uri="jakarta.tags.core" %>
<c:set var="pageTitle" value="Sign in"/>
<%@ include file="/WEB-INF/jspf/header.jspf" %>
<script src="/assets/signin.js" defer></script>
<h1>Sign in</h1>
<section class="card">
    <form id="signin-form" class="stack">
        <label for="signin-username">User name</label>
        <input id="signin-username" name="username" autocomplete="username" required maxlength="100">
        <label for="signin-password">Password</label>
        <input id="signin-password" name="password" type="password" autocomplete="current-password" required maxlength="200">
        <div><button type="submit">Sign in</button></div>
        <p id="signin-error" class="error-text" role="alert"></p>
    </form>
</section>
<%@ include file="/WEB-INF/jspf/footer.jspf" %>
