package dev.occam.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void escape_markupAndQuotes_entities() {
        assertEquals("&lt;b a=&quot;1&quot;&gt;&amp;&#39;", Html.escape("<b a=\"1\">&'"));
    }

    @Test
    void inlineJson_closingScriptTag_cannotEndTheElement() {
        var node = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode().put("x", "</script>");
        assertEquals("{\"x\":\"\\u003c/script>\"}", ChartData.inlineJson(node));
    }

    @Test
    void render_reportTemplateWithoutAValue_namesThePlaceholder() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Template.resource("report.html").render(Map.of()));
        assertEquals("report.html: no value for placeholder 'title'", e.getMessage());
    }
}
