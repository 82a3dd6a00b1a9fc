package io.cxonehandoff.auth;

import java.util.Properties;

import io.cxonehandoff.DfoProfile;

/** {@link DfoRefusedCredentialsTest} with a right app registration and a wrong access key. */
@DfoProfile
class DfoRefusedAccessKeyTest extends DfoRefusedCredentialsTest {

    @Override
    protected Properties testProperties() {
        return properties("cxone.dfo.access-key-secret", "not-the-key-secret");
    }
}
