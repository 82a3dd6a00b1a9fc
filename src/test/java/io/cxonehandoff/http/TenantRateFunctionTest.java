package io.cxonehandoff.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TenantRateFunctionTest {

    @ParameterizedTest(name = "{0} calls/s")
    @ValueSource(doubles = {1, 5, 25, 50, 123, 400, 2000})
    void staysUnderTheLimitWithinTheHeadroomAndBurstsAtMostHalfTheTenantsAllowance(double rps) {
        TenantRateFunction.Plan plan = TenantRateFunction.plan(rps, 0.97);
        assertThat(plan.callsPerSecond()).isLessThanOrEqualTo(rps * 0.97).isGreaterThanOrEqualTo(rps * 0.9);
        assertThat(plan.requestsPerPeriod()).isLessThanOrEqualTo((int) Math.max(1, rps / 20));
    }

    @Test
    void fiftyPerSecondIsTwoPer42Ms() {
        assertThat(TenantRateFunction.plan(50, 0.97)).isEqualTo(new TenantRateFunction.Plan(2, 42));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> TenantRateFunction.plan(0, 0.97)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TenantRateFunction.plan(50, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
