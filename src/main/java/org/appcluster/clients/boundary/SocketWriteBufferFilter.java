package org.appcluster.clients.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.appcluster.clients.control.ClientFrames;

/**
 * Shrinks the response buffer of a broadcast socket's upgrade request, which the socket keeps
 * for its life. Payara (Grizzly) allocates a fresh buffer of that size for every write smaller
 * than it and writes larger ones straight from the caller's array: with the 8 KiB default, each
 * 300-byte frame cost an 8 KiB allocation, most of the dispatcher's time under load.
 */
@WebFilter(urlPatterns = ClientFrames.NAMESPACE, asyncSupported = true)
public class SocketWriteBufferFilter extends HttpFilter {

    /** Grizzly's smallest. */
    private static final int WRITE_BUFFER_BYTES = 512;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!response.isCommitted()) {
            response.setBufferSize(WRITE_BUFFER_BYTES);
        }
        chain.doFilter(request, response);
    }
}
