package org.schoolesia.esia.http;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.client.ClientProtocolException;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpUriRequest;
import org.apache.http.conn.ClientConnectionManager;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.params.HttpParams;
import org.apache.http.protocol.HttpContext;

/**
 * One deadline for a whole outgoing call — connecting, sending, waiting and reading the body
 * (defect 10 of issue 10). Socket timeouts bound each read only, so an answer dripping a byte per
 * second would hold a Keycloak worker as long as the other side likes; when the time is up this
 * aborts every request made through {@link #client()}, which ends a blocked connect or read at
 * once. Use it in try-with-resources around the request and the reading of its answer.
 */
public final class CallDeadline implements AutoCloseable {

    /** One daemon thread for all deadlines of the server: it only flips flags and aborts sockets. */
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final long millis;
    private final CloseableHttpClient delegate;
    private final AtomicBoolean expired = new AtomicBoolean();
    private final List<HttpUriRequest> requests = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> alarm;

    private CallDeadline(CloseableHttpClient delegate, long millis) {
        this.delegate = delegate;
        this.millis = millis;
        this.alarm = TIMER.schedule(this::expire, millis, TimeUnit.MILLISECONDS);
    }

    /** @param delegate the shared client (Keycloak's, with its proxy and pool settings); never closed here */
    public static CallDeadline start(CloseableHttpClient delegate, long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("a deadline must be positive, not " + millis + " ms");
        }
        return new CallDeadline(delegate, millis);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "esia-call-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // finished calls leave nothing queued behind
        return timer;
    }

    private void expire() {
        expired.set(true);
        requests.forEach(HttpUriRequest::abort);
    }

    /** The client to make the call with: requests through it are aborted at the deadline. */
    public CloseableHttpClient client() {
        return new Watching();
    }

    /** True when the call was cut by the deadline (and not by anything else). */
    public boolean expired() {
        return expired.get();
    }

    public long millis() {
        return millis;
    }

    @Override
    public void close() {
        alarm.cancel(false);
    }

    private final class Watching extends CloseableHttpClient {

        @Override
        protected CloseableHttpResponse doExecute(HttpHost target, HttpRequest request, HttpContext context)
                throws IOException, ClientProtocolException {
            if (request instanceof HttpUriRequest uriRequest) {
                requests.add(uriRequest);
                if (expired.get()) {
                    uriRequest.abort(); // the deadline passed before this request started
                }
            }
            return delegate.execute(target, request, context);
        }

        /** The shared client belongs to Keycloak: closing this view must not close it. */
        @Override
        public void close() {
        }

        @Override
        @Deprecated
        public HttpParams getParams() {
            return delegate.getParams();
        }

        @Override
        @Deprecated
        public ClientConnectionManager getConnectionManager() {
            return delegate.getConnectionManager();
        }
    }
}
