package org.schoolesia.school;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The school module's shape as rules (issue 10), checked on the compiled classes: capabilities
 * ({@code accounts}, {@code link}, {@code login}, {@code orgs}, {@code requests}, {@code family})
 * never import each other in a circle; the kernels ({@code kernel}: shared plain helpers,
 * {@code web}: staff authentication, JSON errors and paging) know no capability; the composition
 * roots ({@code api}: REST and entities, {@code flow}: the first-login flow and its upgrade) are
 * imported by nobody; {@code requests} may use {@code link}, never the reverse; and classes marked
 * {@code @PureRule} use no Keycloak, Jakarta or Jackson, so they are unit-tested on their own.
 */
class DependencyRulesTest {

    private static final String ROOT = "org.schoolesia.school";
    private static final String[] CAPABILITIES = {ROOT + ".accounts..", ROOT + ".link..", ROOT + ".login..", ROOT + ".orgs..",
        ROOT + ".requests..", ROOT + ".family..", ROOT + ".age..", ROOT + ".invitations..", ROOT + ".certificates..",
        ROOT + ".claims.."};

    private static JavaClasses school;

    @BeforeAll
    static void importClasses() {
        school = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(school);
    }

    @Test
    void theKernelsKnowNoCapability() {
        noClasses().that().resideInAnyPackage(ROOT + ".kernel..", ROOT + ".web..")
                .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
                .check(school);
    }

    @Test
    void nothingImportsTheCompositionRoots() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".api..", ROOT + ".flow..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".api..", ROOT + ".flow..")
                .check(school);
    }

    @Test
    void linkNeverUsesRequests() {
        noClasses().that().resideInAPackage(ROOT + ".link..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".requests..")
                .check(school);
    }

    @Test
    void accountsUseNeitherLinkNorRequests() {
        noClasses().that().resideInAPackage(ROOT + ".accounts..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".link..", ROOT + ".requests..")
                .check(school);
    }

    /** Issue 11: the personal page's shell and its SPI know no capability; capabilities plug their sections in. */
    @Test
    void thePersonalPageKnowsNoCapability() {
        noClasses().that().resideInAPackage(ROOT + ".personal..")
                .should().dependOnClassesThat().resideInAnyPackage(CAPABILITIES)
                .check(school);
    }

    @Test
    void pureRulesUseNoKeycloak() {
        noClasses().that().areAnnotatedWith(ROOT + ".kernel.PureRule")
                .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "jakarta..", "org.jboss..", "com.fasterxml..")
                .check(school);
    }
}
