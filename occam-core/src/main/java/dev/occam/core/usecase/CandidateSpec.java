package dev.occam.core.usecase;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of {@code selection.candidates} as the use case states it: an id, the learner family, the learner's
 * options by name (checked against the learner's options record by the ladder, which knows them) and the engine
 * that runs it. A bare family name ({@code - boosting}) is a candidate whose id is the family and whose options
 * are the defaults; a mapping ({@code - {id: boost-deep, learner: boosting, options: {max_depth: 6}}}) lets one
 * family run twice with different options.
 *
 * @param id how the candidate is named on the leaderboard and in every output, {@code [a-z0-9-]+}
 * @param learner the model family, one of {@link SelectionSpec#FAMILIES}
 * @param options option name (as written, snake_case) to value: a {@code Long}, {@code Double}, {@code Boolean},
 *     {@code String} or a list of those, in the order written; empty for the defaults
 * @param engine where the candidate runs: {@code local} (this process) is the only engine of this version
 * @param location where the candidate is written, for messages ({@code "usecase.yaml line 14"}), or null when it
 *     was not read from a file
 * @param optionLocations where each option is written, by name; empty when not read from a file
 */
public record CandidateSpec(String id, String learner, Map<String, Object> options, String engine, String location,
        Map<String, String> optionLocations) {

    /** The engines of this version. */
    public static final List<String> ENGINES = List.of("local");

    /** The one engine of this version: the fit runs in this process. */
    public static final String LOCAL = "local";

    private static final Pattern ID = Pattern.compile("[a-z0-9-]+");

    public CandidateSpec {
        Objects.requireNonNull(learner, "learner");
        id = id == null ? learner : id;
        if (!ID.matcher(id).matches()) {
            throw new KeyedArgumentException("selection.candidates", "candidate id " + Text.quote(id)
                    + " must be lowercase letters, digits and hyphens, such as boost-deep");
        }
        if (!SelectionSpec.FAMILIES.contains(learner)) {
            throw new KeyedArgumentException("selection.candidates", SelectionSpec.unknownFamily(learner));
        }
        if (!id.equals(learner) && SelectionSpec.FAMILIES.contains(id)) {
            throw new KeyedArgumentException("selection.candidates", "candidate id " + Text.quote(id)
                    + " is the name of another family, but its learner is " + learner + "; choose another id");
        }
        options = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(options, "options")));
        if (learner.equals("current-rule") && !options.isEmpty()) {
            throw new KeyedArgumentException("selection.candidates", "current-rule takes no options: it is the "
                    + "use case's current_rule as written");
        }
        if (learner.equals("formula") && !options.isEmpty()) {
            throw new KeyedArgumentException("selection.candidates", "formula takes no options: it is the use "
                    + "case's formula with its start values, as written at the top level");
        }
        if (learner.equals("onnx") && !(options.get("path") instanceof String)) {
            throw new KeyedArgumentException("selection.candidates", "candidate " + Text.quote(id) + " (learner: onnx)"
                    + " needs path: the existing model's .onnx file, such as {id: vendor, learner: onnx, path:"
                    + " vendor.onnx}");
        }
        if (!learner.equals("onnx") && options.containsKey("path")) {
            throw new KeyedArgumentException("selection.candidates", "candidate " + Text.quote(id) + ": path is the"
                    + " file of an existing model, for learner: onnx only");
        }
        if (learner.equals("onnx")) {
            for (String key : options.keySet()) {
                if (!key.equals("path") && !key.equals("output")) {
                    throw new KeyedArgumentException("selection.candidates", "candidate " + Text.quote(id)
                            + " (learner: onnx) takes path and the option output (the ONNX output to read), not "
                            + Text.quote(key));
                }
            }
        }
        engine = engine == null ? LOCAL : engine;
        if (!ENGINES.contains(engine)) {
            throw new KeyedArgumentException("selection.candidates", "candidate " + Text.quote(id)
                    + ": engine must be one of " + String.join(", ", ENGINES) + ": " + Text.quote(engine));
        }
        optionLocations = Collections.unmodifiableMap(new LinkedHashMap<>(
                optionLocations == null ? Map.of() : optionLocations));
    }

    /** A family by name, with its defaults: its own id, run locally. */
    public static CandidateSpec family(String family) {
        return new CandidateSpec(family, family, Map.of(), LOCAL, null, Map.of());
    }

    /** Family names as candidates, each its own id. */
    public static List<CandidateSpec> families(List<String> families) {
        return families.stream().map(CandidateSpec::family).toList();
    }

    /** Whether the options are the learner's defaults (none given). */
    public boolean defaults() {
        return options.isEmpty();
    }

    /**
     * A message about this candidate, or about one of its options when {@code option} is not null, that starts
     * with where it is written ({@code "usecase.yaml line 14: "}) when that is known.
     */
    public String message(String option, String problem) {
        String where = option == null ? location : optionLocations.getOrDefault(option, location);
        return (where == null ? "" : where + ": ") + "candidate " + Text.quote(id) + " (" + learner + "): "
                + problem;
    }
}
