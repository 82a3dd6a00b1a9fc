package io.cxonehandoff.auth;

/** CXone refused the client id or secret: retrying cannot help, an operator must fix the configuration. */
public class InvalidClientCredentialsException extends RuntimeException {

    public InvalidClientCredentialsException(int status) {
        super("CXone refused the client credentials (HTTP " + status
              + "): check CXONE_CLIENT_ID and CXONE_CLIENT_SECRET; no further token requests until restart");
    }
}
