package io.cxonehandoff.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one console login, from the environment. JAAS builds login modules itself, with no arguments, so the
 * account they check against is held here. Compared by digest in constant time; never logged.
 */
final class ConsoleAccount {

    private static volatile ConsoleAccount current;

    private final String user;
    private final byte[] passwordDigest;

    private ConsoleAccount(String user, char[] password) {
        this.user = user;
        this.passwordDigest = digest(new String(password));
    }

    static void set(String user, String password) {
        current = new ConsoleAccount(user, password.toCharArray());
    }

    static void clear() {
        current = null;
    }

    /** True if the user and password are the configured ones. */
    static boolean matches(String user, char[] password) {
        ConsoleAccount account = current;
        if (account == null || user == null || password == null) {
            return false;
        }
        boolean userMatches = MessageDigest.isEqual(digest(account.user), digest(user));
        boolean passwordMatches = MessageDigest.isEqual(account.passwordDigest, digest(new String(password)));
        return userMatches & passwordMatches;
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
