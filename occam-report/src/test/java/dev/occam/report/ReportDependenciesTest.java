package dev.occam.report;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The report renders the fit's documents (occam-results) and the model file (runtime): no training code, so
 * neither DuckDB nor XGBoost's native libraries on its path. The pom's enforcer rule checks the same of the
 * dependency tree in every scope; this checks the classes, and the classpath the tests themselves run on.
 */
class ReportDependenciesTest {

    @Test
    void reportClasses_dependOnResultsAndRuntime_neverOnCore() {
        JavaClasses report = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.occam.report");
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.occam.core..", "ml.dmlc..", "org.duckdb..")
                .check(report);
    }

    /** The test classpath too: the report's tests read a checked-in fit folder, they do not fit (issue 11, point 6). */
    @ParameterizedTest
    @ValueSource(strings = {"dev.occam.core.jobs.FitJob", "org.duckdb.DuckDBDriver", "ml.dmlc.xgboost4j.java.XGBoost"})
    void testClasspath_trainingClass_notLoadable(String className) {
        assertThrows(ClassNotFoundException.class,
                () -> Class.forName(className, false, ReportDependenciesTest.class.getClassLoader()),
                className + " is on occam-report's test classpath");
    }
}
