package io.cxonehandoff.dfo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.cxonehandoff.auth.OAuthClient;

/**
 * The DFO token grant: the app registration as HTTP Basic client authentication, the integration user's access
 * key as a password grant (docs/cxone-dfo.md, section 2).
 */
public class DfoCredentials extends OAuthClient {

    private String accessKeyId;
    private String accessKeySecret;

    /** {@code Basic base64(urlencode(id):urlencode(secret))}, as RFC 6749 section 2.3.1 asks. */
    @Override
    public String clientAuthorization() {
        String pair = encode(clientId()) + ":" + encode(clientSecret());
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The form body of the password grant. */
    @Override
    public String formBody() {
        return "grant_type=password&username=" + encode(accessKeyId) + "&password=" + encode(accessKeySecret);
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
        return "DfoCredentials[clientId=" + clientId() + ", accessKeyId=" + accessKeyId + "]";
    }
}
