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
 * JAAS login for the Hawtio realm: the accounts from the environment, each with its role ({@code operator} or
 * {@code viewer}). (Jetty's PropertyFileLoginModule failed in this embedding, and a properties file would put
 * a password on disk.)
 */
public class ConsoleLoginModule implements LoginModule {

    /** The roles Hawtio lets in ({@code hawtio.roles}); what each may do is {@link JolokiaAccessFilter}'s. */
    static final String ROLES = ConsoleAccount.OPERATOR + "," + ConsoleAccount.VIEWER;

    private Subject subject;
    private CallbackHandler callbacks;
    private String user;
    private String role;
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
            role = ConsoleAccount.roleOf(name.getName(), password.getPassword()).orElse(null);
            succeeded = role != null;
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
            subject.getPrincipals().add(new ConsolePrincipals.Role(role));
        }
        return succeeded;
    }

    @Override
    public boolean abort() {
        succeeded = false;
        user = null;
        role = null;
        return true;
    }

    @Override
    public boolean logout() {
        subject.getPrincipals().removeIf(p -> p instanceof ConsolePrincipals.User || p instanceof ConsolePrincipals.Role);
        return true;
    }
}
