package io.cxonehandoff.stream;

import io.cxonehandoff.ApiProfile;

/** {@link UnreachableAtStartTest} in the dfo profile: discovery fails at start and is asked again until CXone is up. */
class DfoUnreachableAtStartTest extends UnreachableAtStartTest {

    @Override
    protected ApiProfile profile() {
        return ApiProfile.DFO;
    }
}
