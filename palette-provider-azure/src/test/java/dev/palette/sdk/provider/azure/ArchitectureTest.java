package dev.palette.sdk.provider.azure;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The provider is built on the published API only: no engine, testkit or API internals. */
class ArchitectureTest {
    private final JavaClasses provider = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.palette.sdk.provider.azure");

    @Test
    void theProviderUsesOnlyThePublishedApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.palette.sdk.core..", "dev.palette.sdk.testkit..",
                "dev.palette.sdk.api.internal..").check(provider);
    }

    @Test
    void theInternalsDoNotCallBackIntoTheFacade() {
        noClasses().that().resideInAPackage("dev.palette.sdk.provider.azure.internal..").should().dependOnClassesThat()
                .belongToAnyOf(AzureProvider.class, AzureProvider.Builder.class).check(provider);
    }
}
