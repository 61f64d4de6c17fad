package dev.occam.core.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Packages depend only down the data flow (usecase, data -> prepare -> learn -> segment -> ladder -> evaluate ->
 * calibrate -> fairness -> explain -> select -> card -> jobs), with no cycles; the runtime never reaches into training code.
 */
class LayeringTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.occam");

    /** Each stage, in data-flow order; a stage may use the ones before it only. */
    private static final String[] STAGES = {"usecase", "data", "prepare", "learn", "segment", "ladder", "evaluate", "calibrate",
        "fairness", "explain", "select", "card", "jobs"};

    @Test
    void corePackages_haveNoCycles() {
        slices().matching("dev.occam.core.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void corePackages_dependOnlyUpstream() {
        for (int i = 0; i < STAGES.length; i++) {
            for (int j = i + 1; j < STAGES.length; j++) {
                if (STAGES[i].equals("usecase") && STAGES[j].equals("evaluate")) {
                    continue; // the use case names its success metric
                }
                noClasses().that().resideInAPackage("dev.occam.core." + STAGES[i] + "..")
                        .should().dependOnClassesThat().resideInAPackage("dev.occam.core." + STAGES[j] + "..")
                        .check(CLASSES);
            }
        }
    }

    @Test
    void runtime_neverDependsOnCore() {
        noClasses().that().resideInAPackage("dev.occam.runtime..")
                .should().dependOnClassesThat().resideInAPackage("dev.occam.core..")
                .check(CLASSES);
    }
}
