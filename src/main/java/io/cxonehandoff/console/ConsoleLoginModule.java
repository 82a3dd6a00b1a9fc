package io.cxonehandoff.console;

import java.util.Map;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

/**
 * JAAS login for the Hawtio realm: the one account from the environment, with role {@code admin}. (Jetty's
 * PropertyFileLoginModule failed in this embedding, and a properties file would put a password on disk.)
 */
public class ConsoleLoginModule implements LoginModule {

    /** The role Hawtio requires ({@code hawtio.roles}). */
    static final String ROLE = "admin";

    private Subject subject;
    private CallbackHandler callbacks;
    private String user;
    private boolean succeeded;

    @Override
    public void initialize(Subject subject, CallbackHandler callbackHandler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.callbacks = callbackHandler;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("user");
        PasswordCallback password = new PasswordCallback("password", false);
        try {
            callbacks.handle(new Callback[] {name, password});
        } catch (Exception e) {
            throw new LoginException("Cannot read the credentials: " + e.getMessage());
        }
        try {
            succeeded = ConsoleAccount.matches(name.getName(), password.getPassword());
        } finally {
            password.clearPassword();
        }
        if (!succeeded) {
            throw new FailedLoginException("Wrong user or password");
        }
        user = name.getName();
        return true;
    }

    @Override
    public boolean commit() {
        if (succeeded) {
            subject.getPrincipals().add(new ConsolePrincipals.User(user));
            subject.getPrincipals().add(new ConsolePrincipals.Role(ROLE));
        }
        return succeeded;
    }

    @Override
    public boolean abort() {
        succeeded = false;
        user = null;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeIf(p -> p instanceof ConsolePrincipals.User || p instanceof ConsolePrincipals.Role);
        return true;
    }
}
