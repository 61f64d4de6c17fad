package dev.occam.core.learn;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.occam.core.ladder.Ladder;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every learner's options record rejects a nonsensical value of each numeric option with a message
 * naming the option: found by reflection over the learners of {@link Ladder#all()}, so a new learner is
 * held to it without being named. A seed may be any number and is skipped.
 */
class LearnerOptionsConformanceTest {

    /** The options record of each registered learner that has one (the learner inside a pipeline). */
    static Stream<Arguments> optionRecords() {
        List<Arguments> out = new ArrayList<>();
        for (Learner l : Ladder.all()) {
            Learner inner = l instanceof Pipeline p ? p.learner() : l;
            for (Class<?> nested : inner.getClass().getDeclaredClasses()) {
                if (nested.isRecord() && nested.getSimpleName().equals("Options")) {
                    out.add(Arguments.of(l.family(), nested));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optionRecords")
    void options_badNumericValue_messageNamesTheOption(String family, Class<?> options) throws Exception {
        Method defaults = options.getMethod("defaults");
        Object good = defaults.invoke(null);
        RecordComponent[] components = options.getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
        }
        Constructor<?> canonical = options.getDeclaredConstructor(types);
        int checked = 0;
        for (int i = 0; i < components.length; i++) {
            Object bad = badValue(components[i]);
            if (bad == null) {
                continue;
            }
            Object[] args = new Object[components.length];
            for (int j = 0; j < components.length; j++) {
                args[j] = j == i ? bad : components[j].getAccessor().invoke(good);
            }
            try {
                canonical.newInstance(args);
                fail(family + ": " + components[i].getName() + " = " + bad + " was accepted");
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                assertTrue(cause instanceof IllegalArgumentException, family + ": " + cause);
                assertTrue(cause.getMessage().contains(components[i].getName()),
                        family + ": the message does not name '" + components[i].getName() + "': " + cause.getMessage());
            }
            checked++;
        }
        assertTrue(checked > 0, family + " has no numeric option to check");
    }

    private static Object badValue(RecordComponent c) {
        if (c.getName().toLowerCase(java.util.Locale.ROOT).contains("seed")) {
            return null;
        }
        Class<?> t = c.getType();
        if (t == int.class || t == Integer.class) {
            return Integer.MIN_VALUE;
        }
        if (t == long.class || t == Long.class) {
            return Long.MIN_VALUE;
        }
        if (t == double.class || t == Double.class) {
            return Double.NaN;
        }
        return null;
    }
}
