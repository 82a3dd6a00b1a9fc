package io.cxonehandoff.auth;

import java.io.IOException;

/**
 * Another call's token request did not finish in time. An I/O failure like a slow connection: the call
 * policy ({@code on-io-error}, which matches {@link IOException} anywhere in the cause chain) retries the
 * call with backoff. {@link AccessTokenCache#token()} throws it wrapped in an
 * {@link java.io.UncheckedIOException}, so its callers need not declare it.
 */
public class TokenWaitTimeoutException extends IOException {

    public TokenWaitTimeoutException(long waitedMillis) {
        super("no CXone access token within " + waitedMillis + " ms: the token request in flight is slow");
    }
}
