package org.uplift.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void givenMarkupInDeviceText_whenEscaped_thenEveryMetaCharacterIsAnEntity() {
        assertEquals("&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; &#39;q&#39;",
                Html.escape("<img src=x onerror=\"alert(1)\"> & 'q'"));
    }

    @Test
    void givenControlCharacters_whenEscaped_thenOnlyTabAndLineBreaksSurvive() {
        assertEquals("a\tb\nc\r\uFFFDd\uFFFD", Html.escape("a\tb\nc\r\u0000d\u001b"));
    }

    @Test
    void givenNull_whenEscaped_thenEmpty() {
        assertEquals("", Html.escape(null));
    }

    @Test
    void givenPlainTextAndNonAscii_whenEscaped_thenUnchanged() {
        assertEquals("UPDATE failed: transferFailed – é", Html.escape("UPDATE failed: transferFailed – é"));
    }
}
