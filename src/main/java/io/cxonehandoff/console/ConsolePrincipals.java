package io.cxonehandoff.console;

import java.security.Principal;

/** The principals a console login adds to its JAAS subject: the user, and the role Hawtio requires. */
final class ConsolePrincipals {

    private ConsolePrincipals() {
    }

    /** The logged-in user. */
    record User(String getName) implements Principal {
    }

    /** A role; Hawtio is told to look for this class ({@code hawtio.rolePrincipalClasses}). */
    public record Role(String getName) implements Principal {
    }
}
