package dev.occam.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippet compiles as printed (issue 19, point 8), against this module's class path: the runtime's
 * classes and Jackson, nothing of training. A renamed class or method breaks this test, not a reader's first try.
 */
class ReadmeSnippetTest {

    private static final Path README = Path.of("..", "README.md");

    @TempDir
    Path dir;

    @Test
    void readmeJavaSnippet_compilesAgainstTheRuntime() throws Exception {
        Matcher block = Pattern.compile("(?s)```java\n(.*?)```").matcher(Files.readString(README));
        assertTrue(block.find(), "README.md has no ```java block");
        String source = block.group(1);
        Matcher name = Pattern.compile("public class (\\w+)").matcher(source);
        assertTrue(name.find(), "the snippet declares no public class:\n" + source);
        Path file = dir.resolve(name.group(1) + ".java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertNotNull(javac, "no Java compiler: run the build with a JDK");
        StringWriter messages = new StringWriter();
        int status = javac.getTask(messages, null, null, List.of("-d", dir.toString(), "-classpath",
                System.getProperty("java.class.path"), "-Xlint:all", "-Werror"), null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(file.toFile())).call() ? 0 : 1;

        assertEquals(0, status, "the README's snippet does not compile:\n" + messages + "\n" + source);
        assertTrue(Files.exists(dir.resolve(name.group(1) + ".class")));
    }
}
