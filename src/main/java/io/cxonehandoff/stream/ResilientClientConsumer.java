package io.cxonehandoff.stream;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.cxonehandoff.auth.AccessTokenCache;
import io.cxonehandoff.auth.InvalidClientCredentialsException;
import java.net.URI;

import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.ThreadPoolProfileBuilder;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cxone-stream:} consumer. One thread (the "stream thread") owns the connection and feeds the route,
 * so frames reach it in arrival order. On every (re)connect it authenticates with a newly issued token (asked for
 * on another thread: a slow token endpoint holds up nothing here), checks the acknowledgement, subscribes, and
 * then emits a {@link CxoneStreamConstants#READY} exchange (a hook for catch-up) before the event frames.
 * Reconnects forever with {@link ReconnectBackoff}; starts even when CXone is unreachable. Stops reconnecting
 * only when the client credentials are refused.
 */
public class ResilientClientConsumer extends DefaultConsumer {

    private static final String READY = CxoneStreamConstants.READY;
    private static final String FRAME = CxoneStreamConstants.FRAME;
    private static final String RECONNECTING = CxoneStreamConstants.RECONNECTING;

    private static final Logger LOG = LoggerFactory.getLogger(ResilientClientConsumer.class);
    private static final int PAUSE_AT = 2_000;
    private static final int RESUME_AT = 200;

    private enum State { CONNECTING, AUTHENTICATING, SUBSCRIBED, WAITING, STOPPED }

    private final CxoneStreamEndpoint endpoint;
    private final ReconnectBackoff backoff;
    private ScheduledExecutorService streamThread;
    private ExecutorService tokenThread;

    // owned by the stream thread
    private State state = State.WAITING;
    private WebSocket socket;
    private String socketToken;
    private int connection;
    private long subscribedAtNanos;
    private ScheduledFuture<?> authTimeout;
    private ScheduledFuture<?> pinger;
    private volatile long lastPongNanos;
    private volatile URI connectedUrl;
    private int unansweredHeartbeats;
    private int rateLimitedInARow;
    private boolean throttled;
    private volatile boolean subscribed;
    private final AtomicInteger backlog = new AtomicInteger();
    private volatile boolean readingPaused;
    private volatile int subscribedConnection = -1;

    public ResilientClientConsumer(CxoneStreamEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.backoff = new ReconnectBackoff(endpoint.getReconnectBaseDelay(), endpoint.getReconnectMaxDelay());
    }

    /** True while the socket is authenticated and subscribed (readiness). */
    public boolean isSubscribed() {
        return subscribed;
    }

    String streamUrl() {
        return endpoint.streamUrl();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // unbounded queue: a frame is never rejected; the backlog is bounded by pausing the socket instead
        streamThread = getEndpoint().getCamelContext().getExecutorServiceManager().newScheduledThreadPool(this,
                "cxone-stream", new ThreadPoolProfileBuilder("cxone-stream").poolSize(1).maxQueueSize(-1).build());
        tokenThread = getEndpoint().getCamelContext().getExecutorServiceManager().newSingleThreadExecutor(this,
                "cxone-stream-token");
        streamThread.execute(this::connect);
        // what StreamReadinessCheck reports on
        endpoint.consumerStarted(this);
    }

    @Override
    protected void doStop() throws Exception {
        endpoint.consumerStopped(this);
        if (streamThread != null) {
            streamThread.submit(() -> {
                WebSocket open = socket;
                state = State.STOPPED;
                subscribed = false;
                cancelTimers();
                socket = null;
                if (open != null && !open.isClosed()) {
                    open.close((short) 1000, "shutdown");
                }
            }).get(5, TimeUnit.SECONDS);
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdown(streamThread);
            streamThread = null;
        }
        if (tokenThread != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(tokenThread);
            tokenThread = null;
        }
        super.doStop();
    }

    private void connect() {
        if (state == State.STOPPED) {
            return;
        }
        state = State.CONNECTING;
        int attempt = ++connection;
        ExecutorService lookups = tokenThread;
        if (lookups == null) {
            return;
        }
        // where to connect may take a call to CXone (the dfo profile discovers its event hub): not on this thread
        lookups.execute(() -> {
            URI url;
            try {
                url = endpoint.getProtocol().connectUri(endpoint.configuredUri());
            } catch (RuntimeException e) {
                if (refusedCredentials(e)) {
                    // finding the URL took a token (dfo: discovery), and the credentials were refused: as below
                    onStreamThread(() -> stopRefused(attempt, null));
                    return;
                }
                onStreamThread(() -> connected(attempt, Future.failedFuture(
                        new IllegalStateException("no event stream URL (" + e.getClass().getSimpleName() + ")", e))));
                return;
            }
            connectedUrl = url;
            endpoint.openWebSocket(url).onComplete(result -> onStreamThread(() -> connected(attempt, result)));
        });
    }

    private void connected(int attempt, AsyncResult<WebSocket> result) {
        if (attempt != connection || state != State.CONNECTING) {
            if (result.succeeded()) {
                result.result().close();
            }
            return;
        }
        if (result.failed()) {
            reconnectLater("cannot connect: " + result.cause().getMessage());
            return;
        }
        WebSocket ws = result.result();
        socket = ws;
        ws.textMessageHandler(text -> receive(ws, attempt, text));
        ws.binaryMessageHandler(bytes -> receive(ws, attempt, bytes.toString()));
        ws.pongHandler(pong -> lastPongNanos = System.nanoTime());
        ws.closeHandler(closed -> onStreamThread(() -> onClosed(attempt, ws.closeStatusCode() == null
                ? "connection lost without a close frame (1006)"
                : "closed by server (code " + ws.closeStatusCode() + ")")));
        ws.exceptionHandler(error -> LOG.debug("Event stream socket error: {}", error.toString()));
        authenticate(attempt, ws);
    }

    /**
     * Hands a frame to the stream thread. When the route falls {@value #PAUSE_AT} frames behind, the socket
     * stops reading (TCP pushes back on CXone) until the backlog is down to {@value #RESUME_AT}: no frame
     * is dropped and memory stays bounded.
     */
    private void receive(WebSocket ws, int attempt, String text) {
        // a frame that arrived on a subscribed connection is an event, even if that connection is given up
        // before the stream thread gets to it
        boolean event = subscribedConnection == attempt;
        if (backlog.incrementAndGet() >= PAUSE_AT && !readingPaused) {
            readingPaused = true;
            ws.pause();
        }
        onStreamThread(() -> {
            try {
                onText(attempt, text, event);
            } finally {
                if (backlog.decrementAndGet() <= RESUME_AT && readingPaused) {
                    readingPaused = false;
                    ws.resume();
                }
            }
        });
    }

    /** Asks for a new token off the stream thread, then authenticates the connection with it. */
    private void authenticate(int attempt, WebSocket ws) {
        state = State.AUTHENTICATING;
        ExecutorService tokens = tokenThread;
        if (tokens == null) {
            return;
        }
        tokens.execute(() -> {
            String token = null;
            RuntimeException failure = null;
            try {
                token = endpoint.getAccessTokens().freshToken();
            } catch (RuntimeException e) {
                failure = e;
            }
            String issued = token;
            RuntimeException failed = failure;
            onStreamThread(() -> authenticateWith(attempt, ws, issued, failed));
        });
    }

    private void authenticateWith(int attempt, WebSocket ws, String token, RuntimeException failure) {
        if (attempt != connection || state != State.AUTHENTICATING) {
            return;
        }
        if (failure instanceof InvalidClientCredentialsException) {
            stopRefused(attempt, ws);
            return;
        }
        if (failure != null) {
            abandon(attempt, "no access token (" + failure.getClass().getSimpleName() + ")");
            return;
        }
        socketToken = token;
        ws.writeTextMessage(endpoint.getProtocol().authenticate(token));
        authTimeout = streamThread.schedule(
                () -> onAuthTimeout(attempt), endpoint.getAuthTimeout(), TimeUnit.MILLISECONDS);
    }

    /** Refused client credentials: no reconnect can help (the token cache's ERROR names what to fix). */
    private void stopRefused(int attempt, WebSocket ws) {
        if (attempt != connection || state == State.STOPPED) {
            return;
        }
        LOG.error("Event stream stopped: CXone refused the client credentials; restart once they are fixed");
        state = State.STOPPED;
        if (ws != null) {
            ws.close();
        }
    }

    private static boolean refusedCredentials(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidClientCredentialsException) {
                return true;
            }
        }
        return false;
    }

    private void onAuthTimeout(int attempt) {
        if (attempt == connection && state == State.AUTHENTICATING) {
            abandon(attempt, "no authentication answer within " + endpoint.getAuthTimeout() + " ms");
        }
    }

    private void onText(int attempt, String text, boolean event) {
        if (attempt != connection) {
            if (event) {
                emit(FRAME, text);
            }
            return;
        }
        StreamProtocol protocol = endpoint.getProtocol();
        if (protocol.isRateLimited(text)) {
            rateLimitedInARow++;
            throttled = true;
            abandon(attempt, "throttled by the server (rate limit exceeded, " + rateLimitedInARow + " in a row)");
            return;
        }
        if (state == State.AUTHENTICATING) {
            if (socketToken == null) {
                return; // a frame before we authenticated: not an answer to us
            }
            cancel(authTimeout);
            if (!protocol.isAuthenticated(text)) {
                endpoint.getAccessTokens().invalidate(socketToken);
                abandon(attempt, "authentication refused");
                return;
            }
            String subscription = protocol.subscribe();
            if (subscription != null) {
                socket.writeTextMessage(subscription);
            }
            state = State.SUBSCRIBED;
            subscribed = true;
            subscribedConnection = attempt;
            subscribedAtNanos = System.nanoTime();
            startPinging(attempt);
            LOG.info("Event stream connected, authenticated and subscribed ({})", withoutQuery(connectedUrl));
            emit(READY, null);
        } else if (state == State.SUBSCRIBED) {
            if (protocol.isHeartbeatAnswer(text)) {
                unansweredHeartbeats = 0;
            } else {
                emit(FRAME, text);
            }
        }
    }

    /** The URL as a log line shows it: the query (tenant and user ids, in the dfo profile) left out. */
    private static String withoutQuery(URI url) {
        if (url == null) {
            return "?";
        }
        String text = url.toString();
        int query = text.indexOf('?');
        return query < 0 ? text : text.substring(0, query);
    }

    private void emit(String kind, String body) {
        Exchange exchange = createExchange(false);
        exchange.getMessage().setHeader(CxoneStreamConstants.EVENT, kind);
        exchange.getMessage().setBody(body);
        try {
            createUoW(exchange);
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        } finally {
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Error processing a stream frame", exchange, exchange.getException());
            }
            doneUoW(exchange);
            releaseExchange(exchange, false);
        }
    }

    private void startPinging(int attempt) {
        lastPongNanos = System.nanoTime();
        unansweredHeartbeats = 0;
        long interval = endpoint.getPingInterval();
        String heartbeat = endpoint.getProtocol().heartbeat();
        pinger = streamThread.scheduleWithFixedDelay(
                heartbeat == null ? () -> ping(attempt) : () -> heartbeat(attempt, heartbeat), interval, interval,
                TimeUnit.MILLISECONDS);
    }

    /** The protocol's own keep-alive: a frame each interval; too many unanswered in a row = a dead connection. */
    private void heartbeat(int attempt, String frame) {
        if (attempt != connection || socket == null || readingPaused) {
            return;
        }
        if (unansweredHeartbeats >= endpoint.getMissedHeartbeats()) {
            abandon(attempt, unansweredHeartbeats + " heartbeats unanswered");
            return;
        }
        unansweredHeartbeats++;
        socket.writeTextMessage(frame);
    }

    private void ping(int attempt) {
        // while we do not read (back-pressure), a pong cannot be read either: the route is slow, not the socket
        if (attempt != connection || socket == null || readingPaused) {
            return;
        }
        long sentAt = System.nanoTime();
        socket.writePing(Buffer.buffer("cxone-handoff"));
        streamThread.schedule(() -> {
            if (attempt == connection && lastPongNanos < sentAt && !readingPaused) {
                abandon(attempt, "no pong within " + endpoint.getPongTimeout() + " ms");
            }
        }, endpoint.getPongTimeout(), TimeUnit.MILLISECONDS);
    }

    private void onClosed(int attempt, String why) {
        if (attempt != connection || state == State.STOPPED) {
            return;
        }
        reconnectLater(why);
    }

    /** Gives up on the current socket (dead or refused) and reconnects. */
    private void abandon(int attempt, String why) {
        if (attempt != connection || state == State.STOPPED) {
            return;
        }
        WebSocket dead = socket;
        reconnectLater(why);
        if (dead != null && !dead.isClosed()) {
            dead.close((short) 1000, why);
        }
    }

    private void reconnectLater(String why) {
        boolean wasHealthy = state == State.SUBSCRIBED
                && System.nanoTime() - subscribedAtNanos >= TimeUnit.MILLISECONDS.toNanos(endpoint.getHealthyAfter());
        cancelTimers();
        connection++; // late callbacks of the old socket are now ignored (its received events are not)
        socket = null;
        socketToken = null;
        subscribed = false;
        readingPaused = false;
        state = State.WAITING;
        if (wasHealthy) {
            backoff.reset();
        }
        if (wasHealthy && !throttled) {
            rateLimitedInARow = 0;
        }
        throttled = false;
        // a server that said it throttles us gets a longer pause, growing with each time in a row
        long delay = backoff.nextDelayMillis() + rateLimitedInARow * endpoint.getRateLimitedBackoff();
        LOG.warn("Event stream {}; reconnecting in {} ms (attempt {})", why, delay, backoff.attempts());
        streamThread.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        emit(RECONNECTING, why);
    }

    private void cancelTimers() {
        cancel(authTimeout);
        cancel(pinger);
        authTimeout = null;
        pinger = null;
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void onStreamThread(Runnable task) {
        ScheduledExecutorService thread = streamThread;
        if (thread != null && !thread.isShutdown()) {
            thread.execute(task);
        }
    }
}
