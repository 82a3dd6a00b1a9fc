package io.cxonehandoff.auth;

import io.cxonehandoff.DfoProfile;

/** {@link TokenLifecycleTest} in the dfo profile: the password grant at the discovered token endpoint. */
@DfoProfile
class DfoTokenLifecycleTest extends TokenLifecycleTest {
}
