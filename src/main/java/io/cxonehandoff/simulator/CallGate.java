package io.cxonehandoff.simulator;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.cxonehandoff.simulator.JsonAnswers.json;

/**
 * What stands between a REST call and its answer, for both API profiles. Every call is recorded with the status it
 * got; then, for an API call, in this order: the tenant's rate limit (429), latency, bearer token (401), scripted
 * faults, the real answer. Calls to the identity provider or a bucket ({@link #open}) skip the limit and the token.
 */
final class CallGate {

    private static final Logger LOG = LoggerFactory.getLogger(CallGate.class);

    private final Vertx vertx;
    private final TokenRegistry tokens;
    private final TenantRateLimiter rateLimiter;
    private final FaultPlan faults;
    private final SimulatorRecord record;
    private volatile long latencyMillis;
    /** The Retry-After of a scripted 429 (a broken or hostile tenant may send anything here). */
    private volatile String scriptedRetryAfter = "1";
    /** Extra time the identity provider takes (a slow token endpoint). */
    private volatile long tokenLatencyMillis;

    CallGate(Vertx vertx, TokenRegistry tokens, TenantRateLimiter rateLimiter, FaultPlan faults, SimulatorRecord record,
             long latencyMillis) {
        this.vertx = vertx;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.faults = faults;
        this.record = record;
        this.latencyMillis = latencyMillis;
    }

    /** An API call about the interaction named by the path parameter {@code id}. */
    void gate(RoutingContext ctx, Operation operation, Consumer<RoutingContext> handler) {
        gate(ctx, operation, ctx.pathParam("id"), handler);
    }

    /** An API call about interaction (case) {@code id} (null: none). */
    void gate(RoutingContext ctx, Operation operation, String id, Consumer<RoutingContext> handler) {
        record(ctx, operation, id);
        // the limit applies on arrival, as a tenant's gateway does; the latency is the work behind it (checked
        // after the latency, a busy event loop firing many timers at once made bursts the client never sent)
        if (!rateLimiter.tryAcquire()) {
            ctx.response().putHeader("Retry-After", String.valueOf(rateLimiter.retryAfterSeconds()));
            json(ctx.response(), 429, Map.of("error", "rate_limited"));
            return;
        }
        later(latencyMillis, () -> admit(ctx, operation, handler));
    }

    /** A call that needs no bearer token and is not the tenant API's (discovery, token, a bucket). */
    void open(RoutingContext ctx, Operation operation, String id, long latency, Consumer<RoutingContext> handler) {
        record(ctx, operation, id);
        later(latency, () -> {
            if (!answeredByFault(ctx, operation)) {
                handler.accept(ctx);
            }
        });
    }

    private void admit(RoutingContext ctx, Operation operation, Consumer<RoutingContext> handler) {
        String authorization = ctx.request().getHeader("Authorization");
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        if (!tokens.isValid(token)) {
            json(ctx.response(), 401, Map.of("error", "invalid_token"));
            return;
        }
        if (!answeredByFault(ctx, operation)) {
            handler.accept(ctx);
        }
    }

    /** Answers the call the scripted way, if one is due: true when it did. */
    boolean answeredByFault(RoutingContext ctx, Operation operation) {
        int scripted = faults.next(operation);
        Misbehaviour misbehaviour = Misbehaviour.of(scripted);
        if (misbehaviour != null) {
            HostileAnswers.answer(vertx, ctx.response(), misbehaviour);
            return true;
        }
        if (scripted == FaultPlan.GARBLED) {
            ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html").end("<html>maintenance</html>");
            return true;
        }
        if (scripted != 0) {
            if (scripted == 429) {
                ctx.response().putHeader("Retry-After", scriptedRetryAfter);
            }
            json(ctx.response(), scripted, Map.of("error", "scripted_fault"));
            return true;
        }
        return false;
    }

    private void later(long latency, Runnable work) {
        if (latency > 0) {
            vertx.setTimer(latency, t -> work.run());
        } else {
            work.run();
        }
    }

    /** Records the call once, when its answer ended or when the client gave up on one that never did. */
    void record(RoutingContext ctx, Operation operation, String id) {
        Set<String> headerNames = new HashSet<>();
        ctx.request().headers().names().forEach(name -> headerNames.add(name.toLowerCase()));
        String path = ctx.request().path();
        String query = ctx.request().query();
        String method = ctx.request().method().name();
        Instant receivedAt = Instant.now();
        AtomicBoolean recorded = new AtomicBoolean();
        Runnable recordIt = () -> {
            if (recorded.compareAndSet(false, true)) {
                record.request(new RecordedRequest(operation, id, method, path, query,
                        ctx.response().getStatusCode(), Set.copyOf(headerNames), receivedAt, Instant.now()));
            }
        };
        ctx.addEndHandler(v -> recordIt.run());
        ctx.response().closeHandler(v -> recordIt.run());
        LOG.debug("{} {} {}", method, path, operation);
    }

    long latencyMillis() {
        return latencyMillis;
    }

    long tokenLatencyMillis() {
        return tokenLatencyMillis;
    }

    void setLatencyMillis(long latencyMillis) {
        this.latencyMillis = latencyMillis;
    }

    void setTokenLatencyMillis(long ms) {
        this.tokenLatencyMillis = ms;
    }

    void setScriptedRetryAfter(String value) {
        this.scriptedRetryAfter = value;
    }
}
