package dev.occam.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The report renders the fit's documents (occam-results) and the model file (runtime): no training code, so
 * neither DuckDB nor XGBoost's native libraries on its path. The pom's enforcer rule checks the same of the
 * dependency tree (compile and runtime scope); this checks the classes.
 */
class ReportDependenciesTest {

    @Test
    void reportClasses_dependOnResultsAndRuntime_neverOnCore() {
        JavaClasses report = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.occam.report");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.occam.core..", "ml.dmlc..", "org.duckdb..")
                .check(report);
    }
}
