package dev.occam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.occam.report.ReportWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report {@code occam fit} writes for the shipped credit example (examples/credit, the whole ladder), opened in a
 * real headless Chromium that cannot resolve any host name: every chart
 * draws an SVG, the page reports no error (its own hook records script errors, {@code console.error} and
 * content-security-policy violations, i.e. any attempted request), and its source links to nothing outside. It lives
 * here, not in occam-report, because it needs a real fit: occam-report's own tests read a checked-in fit folder and
 * keep training code off their classpath.
 */
class ReportInBrowserTest {

    private static final Pattern CHART = Pattern.compile(
            "<div class=\"chart[^\"]*\" data-chart=\"([a-z]+)\" data-index=\"(\\d+)\"([^>]*)>");
    private static final Pattern STATUS = Pattern.compile("data-chart-status=\"([a-z]+)\"");

    @TempDir
    static Path dir;

    static Path report;
    static String dom;

    @BeforeAll
    static void fitAndOpen() throws Exception {
        Path out = dir.resolve("fit");
        CliRun fit = CliRun.of("fit", Path.of("..", "examples", "credit", "usecase.yaml").toString(), "--out",
                out.toString());
        assertEquals(OccamCommand.OK, fit.exitCode(), fit.err());
        report = out.resolve(ReportWriter.FILE_NAME);
        Path profile = Files.createDirectories(dir.resolve("profile"));
        dom = new Chromium(profile).dumpDom(report);
    }

    @Test
    void open_creditExample_everyChartDrawsAnSvg() {
        Matcher m = CHART.matcher(dom);
        List<String> kinds = new ArrayList<>();
        while (m.find()) {
            String name = m.group(1) + "#" + m.group(2);
            kinds.add(m.group(1));
            Matcher status = STATUS.matcher(m.group(3));
            assertEquals("drawn", status.find() ? status.group(1) : "not recorded", name + " status");
            int svgEnd = dom.indexOf("</svg>", m.end());
            assertTrue(svgEnd > 0, name + " has no svg");
            String inside = dom.substring(m.end(), svgEnd);
            assertTrue(inside.contains("<svg"), name + " has no svg");
            assertTrue(Pattern.compile("<(path|text|rect|circle)\\b").matcher(inside).find(), name + " svg is empty");
        }
        for (String expected : List.of("leaderboard", "roc", "calibration", "importance", "fairness", "proxies",
                "histogram")) {
            assertTrue(kinds.contains(expected), "no " + expected + " chart in " + kinds);
        }
        assertTrue(dom.contains("data-charts-done=\"" + kinds.size() + "\""), "the page script did not finish");
    }

    @Test
    void open_creditExample_noErrorsAndNoBlockedRequests() {
        Matcher errors = Pattern.compile("<pre id=\"occam-errors\"[^>]*>(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(errors.find(), "the error box is missing");
        assertEquals("", errors.group(1).strip(), "the page reported errors");
    }

    @Test
    void write_creditExample_sourceLinksToNothingOutside() throws Exception {
        String html = Files.readString(report);
        assertFalse(Pattern.compile("(?i)(src|href|action)\\s*=\\s*[\"']?\\s*(https?:)?//").matcher(html).find(),
                "a src or href points outside");
        assertFalse(Pattern.compile("(?i)<link\\b").matcher(html).find(), "a <link> element");
        assertFalse(Pattern.compile("(?i)@import").matcher(html).find(), "an @import");
        assertFalse(Pattern.compile("(?i)url\\(\\s*['\"]?\\s*(https?:)?//").matcher(html).find(), "a url() outside");
        assertTrue(html.contains("content=\"default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
                + " img-src data:\""), "the content-security policy is missing");
    }

    @Test
    void screenshot_creditExample_writesAnImage() throws Exception {
        Path png = dir.resolve("report.png");
        new Chromium(Files.createDirectories(dir.resolve("profile-shot"))).screenshot(report, png, 1280, 4000);
        byte[] head = Files.readAllBytes(png);
        assertTrue(head.length > 10_000, "screenshot is " + head.length + " bytes");
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);
    }
}
