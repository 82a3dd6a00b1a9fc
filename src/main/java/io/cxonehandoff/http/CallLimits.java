package io.cxonehandoff.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * Bounds on every CXone HTTP call, set where camel-http cannot set them: in the Apache HttpClient it builds
 * (this bean is the endpoints' {@code httpClientConfigurer}).
 * <ul>
 * <li>A total deadline per call: connection, answer and body together. HttpClient's timeouts bound each wait,
 * not their sum, so a body dripping a byte every few seconds held a handoff for minutes. At the deadline the
 * connection is discarded, which fails the blocked read; the call fails with a {@link SocketTimeoutException}
 * (a transient I/O failure for the retry policy, {@code status="timeout"} in the metrics).</li>
 * <li>A largest answer: refused by {@code Content-Length} before anything is read, and while reading (chunked
 * or compressed answers), as an {@link AnswerTooLargeException}: never retried, never held in memory
 * whole.</li>
 * </ul>
 */
public class CallLimits implements HttpClientConfigurer, ExecChainHandler {

    private long deadlineMillis = 30_000;
    private long maxAnswerBytes = 4L * 1024 * 1024;
    private volatile ScheduledThreadPoolExecutor timer;

    @Override
    public void configureHttpClient(HttpClientBuilder clientBuilder) {
        // outermost: the deadline covers the whole exchange, and the size is that of the decompressed body
        clientBuilder.addExecInterceptorFirst("cxone-call-limits", this);
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        Deadline deadline = new Deadline(scope);
        ClassicHttpResponse response;
        try {
            response = chain.proceed(request, scope);
        } catch (IOException e) {
            deadline.cancel();
            throw deadline.expired() ? deadline.timeout(e) : e;
        } catch (RuntimeException | HttpException e) {
            deadline.cancel();
            throw e;
        }
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            deadline.cancel();
            return response;
        }
        if (entity.getContentLength() > maxAnswerBytes) {
            deadline.abort();
            throw tooLarge();
        }
        response.setEntity(new LimitedEntity(entity, deadline));
        return response;
    }

    private AnswerTooLargeException tooLarge() {
        return new AnswerTooLargeException(maxAnswerBytes);
    }

    private ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor current = timer;
        if (current == null) {
            synchronized (this) {
                if (timer == null) {
                    ScheduledThreadPoolExecutor created = new ScheduledThreadPoolExecutor(1, task -> {
                        Thread thread = new Thread(task, "cxone-call-deadlines");
                        thread.setDaemon(true);
                        return thread;
                    });
                    // most calls finish in time: their timers are cancelled, and must not pile up
                    created.setRemoveOnCancelPolicy(true);
                    timer = created;
                }
                current = timer;
            }
        }
        return current;
    }

    /** The total deadline of one call (ms): connection, answer and body (cxone.http.call-deadline-ms). */
    public void setDeadlineMillis(long deadlineMillis) {
        if (deadlineMillis <= 0) {
            throw new IllegalArgumentException("cxone.http.call-deadline-ms must be positive, got " + deadlineMillis);
        }
        this.deadlineMillis = deadlineMillis;
    }

    /** The largest answer body accepted (bytes, after decompression) (cxone.http.max-answer-bytes). */
    public void setMaxAnswerBytes(long maxAnswerBytes) {
        if (maxAnswerBytes <= 0) {
            throw new IllegalArgumentException("cxone.http.max-answer-bytes must be positive, got " + maxAnswerBytes);
        }
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** One call's deadline: discards the connection when it passes, unless cancelled first. */
    private final class Deadline {
        private final AtomicBoolean expired = new AtomicBoolean();
        private final ExecChain.Scope scope;
        private final ScheduledFuture<?> alarm;

        Deadline(ExecChain.Scope scope) {
            this.scope = scope;
            alarm = timer().schedule(() -> {
                expired.set(true);
                // closes the socket: a read blocked on it fails at once (a released connection is not affected)
                scope.execRuntime.discardEndpoint();
            }, deadlineMillis, TimeUnit.MILLISECONDS);
        }

        void cancel() {
            alarm.cancel(false);
        }

        /** Gives the connection up without reading the rest of the answer (closing the body would read it all). */
        void abort() {
            cancel();
            scope.execRuntime.discardEndpoint();
        }

        boolean expired() {
            return expired.get();
        }

        SocketTimeoutException timeout(IOException cause) {
            SocketTimeoutException timeout = new SocketTimeoutException(
                    "no complete answer within " + deadlineMillis + " ms (cxone.http.call-deadline-ms)");
            timeout.initCause(cause);
            return timeout;
        }
    }

    /** The answer's body, counted as it is read; the deadline ends with the body. */
    private final class LimitedEntity extends HttpEntityWrapper {
        private final Deadline deadline;

        LimitedEntity(HttpEntity wrapped, Deadline deadline) {
            super(wrapped);
            this.deadline = deadline;
        }

        @Override
        public InputStream getContent() throws IOException {
            InputStream content = super.getContent();
            return content == null ? null : new LimitedStream(content, deadline);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            try (InputStream in = getContent()) {
                if (in != null) {
                    in.transferTo(out);
                }
            }
        }

        @Override
        public boolean isRepeatable() {
            return false;
        }
    }

    private final class LimitedStream extends FilterInputStream {
        private final Deadline deadline;
        private long read;

        LimitedStream(InputStream in, Deadline deadline) {
            super(in);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = super.read();
                counted(b < 0 ? -1 : 1);
                return b;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            try {
                int n = super.read(buffer, offset, length);
                counted(n);
                return n;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        private void counted(int n) {
            if (n < 0) {
                deadline.cancel();
                return;
            }
            read += n;
            if (read > maxAnswerBytes) {
                deadline.abort();
                throw tooLarge();
            }
        }

        private IOException failed(IOException e) {
            deadline.cancel();
            return deadline.expired() ? deadline.timeout(e) : e;
        }

        @Override
        public void close() throws IOException {
            deadline.cancel();
            super.close();
        }
    }
}
