package io.cxonehandoff.api;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * Where a CXone call goes: the base URL of its host ({@code host} parameter of the cxone-operation template), and
 * where the token request goes (the cxone-token route).
 * {@code api}: the REST API; {@code auth}: the identity provider (discovery, token). The tutorial profile has one
 * base for both; the dfo profile discovers the API's host.
 */
public interface CxoneHosts {

    /** Exchange property naming the host of the call under way. */
    String HOST = "cxoneHost";

    /** The base URL (scheme, host, port) of {@code host}: {@code api} or {@code auth}. */
    String base(@ExchangeProperty(HOST) String host);

    /** The token endpoint's URL. */
    String tokenEndpoint();

    /** The token endpoint's answer went by (the dfo profile keeps the tenant and user it names). Returns it. */
    default Object tokenIssued(@Body Object answer) {
        return answer;
    }
}
