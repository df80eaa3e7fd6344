package dev.palette.sdk.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of the design, checked on the compiled classes of every module this one sees:
 * the API depends on nothing but the JDK and itself; code written against the SDK the way users write it
 * (the CLI, the samples, provider modules) uses no internal package.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.palette.sdk");
    }

    @Test
    void theApiDependsOnNothingButTheJdk() {
        classes().that().resideInAPackage("dev.palette.sdk.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.palette.sdk.api..", "java..")
                .check(classes);
    }

    @Test
    void theApiDependsOnNothingOfCore() {
        noClasses().that().resideInAPackage("dev.palette.sdk.api..")
                .should().dependOnClassesThat().resideInAPackage("dev.palette.sdk.core..")
                .check(classes);
    }

    @Test
    void samplesAndTheCliUseNoInternalPackage() {
        noClasses().that().resideInAnyPackage("dev.palette.sdk.samples..", "dev.palette.sdk.cli..")
                .should().dependOnClassesThat().resideInAPackage("..internal..")
                .check(classes);
    }

    @Test
    void providersUseNoInternalPackage() {
        noClasses().that().resideInAnyPackage("dev.palette.sdk.aws..", "dev.palette.sdk.azure..", "dev.palette.sdk.vsphere..")
                .should().dependOnClassesThat().resideInAPackage("dev.palette.sdk.core.internal..")
                .allowEmptyShould(true)
                .check(classes);
    }
}
