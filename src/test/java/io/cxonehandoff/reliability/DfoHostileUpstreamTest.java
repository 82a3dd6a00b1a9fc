package io.cxonehandoff.reliability;

import io.cxonehandoff.DfoProfile;

/** {@link HostileUpstreamTest} in the dfo profile: the same deadlines, bounds and size limits on the case calls. */
@DfoProfile
class DfoHostileUpstreamTest extends HostileUpstreamTest {

    @Override
    protected String messagesOperation() {
        return "get-case-messages";
    }

    @Override
    protected String interactionsPath() {
        return "/dfo/3.0/contacts/";
    }
}
