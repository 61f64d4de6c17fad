package dev.occam.core.ladder;


import dev.occam.core.learn.Capability;
import dev.occam.core.learn.Learner;
import dev.occam.core.usecase.CandidateSpec;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entrant of the tournament: an id (how it is named on the leaderboard and in every output), what it is
 * (a learner with its options, or today's SQL rule) and the engine that runs it. The same family may enter twice
 * with different options ({@code boost-shallow}, {@code boost-deep}); the family stays the model file's
 * {@code family} and decides the rung and the capabilities.
 */
public sealed interface Candidate permits Candidate.OfLearner, Candidate.OfRule, Candidate.OfComparator {

    /** The id of today's rule, which is also its family. */
    String CURRENT_RULE = "current-rule";

    /** The family of an existing model read from an ONNX file ({@link OfComparator}). */
    String ONNX = "onnx";

    String id();

    /** The model family, one of {@link Ladder#FAMILIES}. */
    String family();

    int rung();

    /** Where it runs: {@link CandidateSpec#LOCAL} in this version. */
    String engine();

    /** The options as the use case gave them (snake_case name to value); empty for the defaults. */
    Map<String, Object> options();

    /** What the candidate can do; today's rule declares nothing (no constraint is checked against it). */
    Set<Capability> capabilities();

    /** Whether a model file can be written for it (today's rule runs in SQL, so it cannot). */
    boolean deployable();

    /**
     * A learner with its options.
     *
     * @param learner the learner, its options already applied and validated
     */
    record OfLearner(String id, Learner learner, Map<String, Object> options, String engine) implements Candidate {

        public OfLearner {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(learner, "learner");
            options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
            engine = engine == null ? CandidateSpec.LOCAL : engine;
        }

        /** The learner with its defaults, named by its family, run locally. */
        public OfLearner(Learner learner) {
            this(learner.family(), learner, Map.of(), CandidateSpec.LOCAL);
        }

        @Override
        public String family() {
            return learner.family();
        }

        @Override
        public int rung() {
            return learner.rung();
        }

        @Override
        public Set<Capability> capabilities() {
            return learner.capabilities();
        }

        @Override
        public boolean deployable() {
            return true;
        }
    }

    /**
     * Today's rule: the use case's {@code current_rule}, a SQL expression scored on each fold's validation rows;
     * rung 0, nothing to fit.
     */
    record OfRule(String sql) implements Candidate {

        public OfRule {
            Objects.requireNonNull(sql, "sql");
        }

        @Override
        public String id() {
            return CURRENT_RULE;
        }

        @Override
        public String family() {
            return CURRENT_RULE;
        }

        @Override
        public int rung() {
            return 0;
        }

        @Override
        public String engine() {
            return CandidateSpec.LOCAL;
        }

        @Override
        public Map<String, Object> options() {
            return Map.of();
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.noneOf(Capability.class);
        }

        @Override
        public boolean deployable() {
            return false;
        }
    }

    /**
     * An existing model (a vendor's, a previous team's) read from an ONNX file and scored on each fold's validation
     * rows as it is: it is not refitted, so the comparison answers "should we replace it?". Rung 0 beside today's
     * rule: it is what is in use, and a model must beat it by more than noise to replace it. Not deployable by Occam
     * (its file is the vendor's), and no constraint but fairness is checked against it.
     *
     * @param path the .onnx file
     * @param output the ONNX output to read, or null for the default (see {@link ComparatorRuntime})
     */
    record OfComparator(String id, Path path, String output) implements Candidate {

        public OfComparator {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String family() {
            return ONNX;
        }

        @Override
        public int rung() {
            return 0;
        }

        @Override
        public String engine() {
            return CandidateSpec.LOCAL;
        }

        @Override
        public Map<String, Object> options() {
            Map<String, Object> options = new LinkedHashMap<>();
            options.put("path", path.toString());
            if (output != null) {
                options.put("output", output);
            }
            return Collections.unmodifiableMap(options);
        }

        @Override
        public Set<Capability> capabilities() {
            return EnumSet.noneOf(Capability.class);
        }

        @Override
        public boolean deployable() {
            return false;
        }
    }
}
