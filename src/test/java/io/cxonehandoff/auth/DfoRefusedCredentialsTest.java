package io.cxonehandoff.auth;

import java.util.List;

import io.cxonehandoff.DfoProfile;

/** {@link RefusedCredentialsTest} in the dfo profile: the app registration refused at the password grant. */
@DfoProfile
class DfoRefusedCredentialsTest extends RefusedCredentialsTest {

    @Override
    protected List<String> credentialsVariables() {
        return List.of("CXONE_CLIENT_ID", "CXONE_CLIENT_SECRET", "CXONE_ACCESS_KEY_ID", "CXONE_ACCESS_KEY_SECRET");
    }
}
