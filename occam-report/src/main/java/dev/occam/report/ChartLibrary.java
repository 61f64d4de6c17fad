package dev.occam.report;

/**
 * The scripts inlined into the page: Apache ECharts (Apache-2.0), read from its WebJar on the classpath, and
 * the page's own script that draws each chart container from the inlined chart data.
 */
final class ChartLibrary {

    static final String ECHARTS = "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    private ChartLibrary() {
    }

    /** ECharts, made safe to sit inside a {@code <script>} element. */
    static String script() {
        return inline(Template.Resources.text(ChartLibrary.class, ECHARTS));
    }

    static String pageScript() {
        return inline(Template.Resources.text(ChartLibrary.class, "report.js"));
    }

    private static String inline(String js) {
        return js.replace("</script", "<\\/script").replace("<!--", "<\\!--");
    }
}
