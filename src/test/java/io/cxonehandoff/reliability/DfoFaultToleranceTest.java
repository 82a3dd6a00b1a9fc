package io.cxonehandoff.reliability;

import io.cxonehandoff.DfoProfile;

/**
 * {@link FaultToleranceTest} in the dfo profile: 429 and Retry-After, the tenant pause, 5xx retries, dead letters
 * and their replay, 403, short-lived tokens, garbled answers and runaway transcripts, on cases.
 */
@DfoProfile
class DfoFaultToleranceTest extends FaultToleranceTest {
}
