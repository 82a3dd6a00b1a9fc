package io.cxonehandoff.simulator;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** The answers of a broken or hostile upstream ({@link Misbehaviour}), for the hardening tests. */
final class HostileAnswers {

    private static final long HUGE = 200L * 1024 * 1024;
    private static final Buffer CHUNK = Buffer.buffer("0,".repeat(32 * 1024));

    private HostileAnswers() {
    }

    static void answer(Vertx vertx, HttpServerResponse response, Misbehaviour misbehaviour) {
        response.setStatusCode(200).putHeader("Content-Type", "application/json");
        switch (misbehaviour) {
            case HEADERS_THEN_SILENCE -> response.setChunked(true).writeHead();
            case DRIP_BODY -> {
                response.setChunked(true).write("{\"entities\": [");
                long timer = vertx.setPeriodic(200, t -> {
                    if (!response.closed()) {
                        response.write(" ");
                    }
                });
                response.closeHandler(v -> vertx.cancelTimer(timer));
            }
            case BAD_GZIP -> response.putHeader("Content-Encoding", "gzip").end("this is not gzip at all, not even close");
            case HUGE_CHUNKED_BODY -> {
                response.setChunked(true).write("[");
                pump(response, new long[] {0});
            }
            case HUGE_DECLARED_BODY -> response.putHeader("Content-Length", String.valueOf(HUGE)).write("[0,0,0");
            default -> throw new IllegalStateException(misbehaviour.name());
        }
    }

    /** Writes chunks while the client reads, until 200 MB or the client gives up. */
    private static void pump(HttpServerResponse response, long[] written) {
        while (!response.closed() && written[0] < HUGE) {
            if (response.writeQueueFull()) {
                response.drainHandler(v -> pump(response, written));
                return;
            }
            response.write(CHUNK);
            written[0] += CHUNK.length();
        }
        if (!response.closed() && !response.ended()) {
            response.end("0]");
        }
    }
}
