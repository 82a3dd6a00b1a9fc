package io.cxonehandoff;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class (a {@link HandoffTestSupport}) whose integration speaks the dfo profile, against the simulator's
 * DFO mode: the same routes, the profile's operations and beans.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface DfoProfile {
}
