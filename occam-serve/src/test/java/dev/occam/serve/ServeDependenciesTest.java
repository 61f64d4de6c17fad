package dev.occam.serve;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The server scores with the runtime only: no training code, so no native library on the serving path. */
class ServeDependenciesTest {

    @Test
    void serveClasses_dependOnRuntimeOnly_neverOnCore() {
        JavaClasses serve = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.occam.serve");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.occam.core..", "ml.dmlc..", "org.duckdb..")
                .check(serve);
    }
}
