package io.cxonehandoff.console;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * Around Hawtio's {@code /auth/login} and {@code /auth/logout}. A login always starts a new session (a session
 * id handed out before the login is never the logged-in one). At logout, Hawtio calls
 * {@code request.logout()} first, which Jetty refuses ("logout failed", HTTP 500) when no container security
 * handler is installed, and then never ends the session; there is no container login to end here, so the call
 * is a no-op and Hawtio goes on to end the JAAS login, invalidate the session and send the browser to the
 * login page.
 */
public class ConsoleSessionFilter implements Filter {

    @Override
    public void doFilter(ServletRequest req, ServletResponse resp, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        if ("POST".equals(request.getMethod()) && request.getRequestURI().endsWith("/auth/login")) {
            HttpSession before = request.getSession(false);
            if (before != null) {
                before.invalidate();
            }
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public void logout() {
                // no container-managed login to end: Hawtio ends the JAAS login and the session itself
            }
        }, resp);
    }
}
