package io.cxonehandoff.auth;

/** CXone refused the client id or secret: retrying cannot help, an operator must fix the configuration. */
public class InvalidClientCredentialsException extends RuntimeException {

    public InvalidClientCredentialsException(int status, String variables) {
        super("CXone refused the client credentials (HTTP " + status
              + "): check " + variables + "; no further token requests until restart");
    }
}
