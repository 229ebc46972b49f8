package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The page's JSON: valid, in order, and inert when a browser sniffs it as HTML or script. */
class PageJsonTest {

    @Test
    void givenNestedValues_whenWritten_thenValidJsonInInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "x");
        m.put("n", 42);
        m.put("l", 7L);
        m.put("b", true);
        m.put("none", null);
        m.put("list", Arrays.asList(1, "two", null));
        m.put("empty", List.of());
        assertEquals("{\"s\":\"x\",\"n\":42,\"l\":7,\"b\":true,\"none\":null,\"list\":[1,\"two\",null],\"empty\":[]}",
                PageJson.write(m));
    }

    @Test
    void givenQuotesBackslashesAndControls_whenWritten_thenEscapedAsJsonRequires() {
        assertEquals("\"a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u001f\"", PageJson.write("a\"b\\c\nd\re\tf\u0000g\u001f"));
    }

    @Test
    void givenMarkupAndLineSeparators_whenWritten_thenInertEvenIfSniffedAsHtmlOrScript() {
        assertEquals("\"\\u003c/script\\u003e\\u003cimg\\u003e \\u0026amp; \\u2028\\u2029\"",
                PageJson.write("</script><img> &amp; \u2028\u2029"));
    }

    @Test
    void givenAnEnumOrOtherObject_whenWritten_thenItsStringForm() {
        assertEquals("[\"AWAITING_DECISION\"]",
                PageJson.write(List.of(org.uplift.api.workflow.JobState.AWAITING_DECISION)));
    }
}
