package org.schoolesia.school.kernel;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a domain rule written as plain Java (ages, SNILS, request numbers, link rules…): it must
 * import nothing of Keycloak, Jakarta or Jackson, so it is unit-tested on its own. The module's
 * {@code DependencyRulesTest} holds every class carrying it to that.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PureRule {
}
