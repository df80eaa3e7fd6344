package dev.palette.sdk.provider.vsphere;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The provider is built on the published API only, and yavijava stays behind the provider's own VimClient:
 * only the package that implements it sees the SOAP library, so the library can be swapped.
 */
class ArchitectureTest {
    private final JavaClasses provider = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.palette.sdk.provider.vsphere");

    @Test
    void theProviderUsesOnlyThePublishedApi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.palette.sdk.core..", "dev.palette.sdk.testkit..",
                "dev.palette.sdk.api.internal..").check(provider);
    }

    @Test
    void onlyTheVimClientImplementationSeesYavijava() {
        noClasses().that().resideOutsideOfPackage("dev.palette.sdk.provider.vsphere.internal.vim.yavijava..")
                .and().doNotHaveFullyQualifiedName(VsphereProvider.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("com.vmware..").check(provider);
        noClasses().that().resideInAPackage("dev.palette.sdk.provider.vsphere.internal..")
                .and().resideOutsideOfPackage("dev.palette.sdk.provider.vsphere.internal.vim.yavijava..")
                .should().dependOnClassesThat().resideInAPackage("dev.palette.sdk.provider.vsphere.internal.vim.yavijava..")
                .check(provider);
    }

    @Test
    void theInternalsDoNotCallBackIntoTheFacade() {
        noClasses().that().resideInAPackage("dev.palette.sdk.provider.vsphere.internal..").should().dependOnClassesThat()
                .belongToAnyOf(VsphereProvider.class, VsphereProvider.Builder.class).check(provider);
    }
}
