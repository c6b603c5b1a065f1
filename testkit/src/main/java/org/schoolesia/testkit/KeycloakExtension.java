package org.schoolesia.testkit;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests the one {@link TestEnvironment} of the run: started on first use, kept in JUnit's
 * root store and closed when the run ends, so Keycloak starts once per run, not per class.
 * Paths come from system properties the tests' pom sets. A class imports the demo realm afresh
 * ({@link TestEnvironment#resetRealm()}) before it relies on it and leaves whatever it changed: the
 * next class imports it again, and each import costs Keycloak about a second.
 */
public final class KeycloakExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return environment(extensionContext);
    }

    public static TestEnvironment environment(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(TestEnvironment.class, key -> {
            try {
                Path home = Path.of(required("keycloak.home"));
                Path realmConfig = Path.of(required("realm.config"));
                Path work = Path.of(System.getProperty("test.work.dir", "target/it-work"));
                List<String> extra = Arrays.stream(System.getProperty("keycloak.extraOptions", "").split("\\s+"))
                        .filter(s -> !s.isBlank()).toList();
                return TestEnvironment.start(home, realmConfig, work, extra);
            } catch (Exception e) {
                throw new ParameterResolutionException("could not start Keycloak and the ESIA emulator: " + e.getMessage(), e);
            }
        }, TestEnvironment.class);
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (the tests' pom sets it)");
        }
        return value;
    }
}
