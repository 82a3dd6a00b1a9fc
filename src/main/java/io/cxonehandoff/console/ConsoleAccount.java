package io.cxonehandoff.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * A console login from the environment and its role: the operator ({@code HAWTIO_USER}), and optionally a
 * read-only viewer ({@code HAWTIO_VIEWER_USER}). JAAS builds login modules itself, with no arguments, so the
 * accounts they check against are held here. Compared by digest in constant time; never logged.
 */
final class ConsoleAccount {

    /** May read, and run the operations the access policy allows. */
    static final String OPERATOR = "operator";
    /** May read, and run only the read-only operations ({@link JolokiaAccessFilter}). */
    static final String VIEWER = "viewer";

    private static volatile List<ConsoleAccount> current = List.of();

    private final byte[] userDigest;
    private final byte[] passwordDigest;
    private final String role;

    private ConsoleAccount(String user, String password, String role) {
        this.userDigest = digest(user);
        this.passwordDigest = digest(password);
        this.role = role;
    }

    /** The operator's login, and the viewer's if both its user and password are set. */
    static void set(String operatorUser, String operatorPassword, String viewerUser, String viewerPassword) {
        if (isBlank(viewerUser) || isBlank(viewerPassword)) {
            current = List.of(new ConsoleAccount(operatorUser, operatorPassword, OPERATOR));
            return;
        }
        if (viewerUser.equals(operatorUser)) {
            throw new IllegalArgumentException("HAWTIO_VIEWER_USER must differ from HAWTIO_USER");
        }
        current = List.of(new ConsoleAccount(operatorUser, operatorPassword, OPERATOR),
                new ConsoleAccount(viewerUser, viewerPassword, VIEWER));
    }

    static void clear() {
        current = List.of();
    }

    /** The role of the account with this user and password, if there is one. Every account is compared. */
    static Optional<String> roleOf(String user, char[] password) {
        if (user == null || password == null) {
            return Optional.empty();
        }
        byte[] givenUser = digest(user);
        byte[] givenPassword = digest(new String(password));
        String found = null;
        for (ConsoleAccount account : current) {
            boolean matches = MessageDigest.isEqual(account.userDigest, givenUser)
                    & MessageDigest.isEqual(account.passwordDigest, givenPassword);
            if (matches) {
                found = account.role;
            }
        }
        return Optional.ofNullable(found);
    }

    static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static byte[] digest(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
