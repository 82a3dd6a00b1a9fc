package io.cxonehandoff.support;

/**
 * Where the shared PostgreSQL database is (store.jdbc.*: CXONE_HANDOFF_JDBC_URL, its user and password): the
 * {@code jdbc} bean, one for the durable state and the postgresql cluster mode, so both reach the same database.
 */
public class JdbcSettings {

    private String url = "";
    private String user = "";
    private String password = "";

    public JdbcSettings() {
    }

    public JdbcSettings(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Whether a URL is set, so there is a shared database. */
    public boolean isSet() {
        return url != null && !url.isBlank();
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }
}
