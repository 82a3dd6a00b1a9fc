package io.cxonehandoff.dfo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The DFO token grant: the app registration as HTTP Basic client authentication, the integration user's access
 * key as a password grant (docs/cxone-dfo.md, section 2).
 */
public class DfoCredentials {

    private String clientId;
    private String clientSecret;
    private String accessKeyId;
    private String accessKeySecret;

    /** {@code Basic base64(urlencode(id):urlencode(secret))}, as RFC 6749 section 2.3.1 asks. */
    public String basicAuthorization() {
        String pair = encode(clientId) + ":" + encode(clientSecret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The form body of the password grant. */
    public String formBody() {
        return "grant_type=password&username=" + encode(accessKeyId) + "&password=" + encode(accessKeySecret);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public void setAccessKeyId(String accessKeyId) {
        this.accessKeyId = accessKeyId;
    }

    public void setAccessKeySecret(String accessKeySecret) {
        this.accessKeySecret = accessKeySecret;
    }

    @Override
    public String toString() {
        // never the secrets, whoever logs this bean
        return "DfoCredentials[clientId=" + clientId + ", accessKeyId=" + accessKeyId + "]";
    }
}
