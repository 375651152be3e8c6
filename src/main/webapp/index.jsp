<%-- The demos are the landing page. --%>
<% response.sendRedirect(request.getContextPath() + "/hello-app-cluster/"); %>
