package dev.siprec.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HtmlTest {
    @Test
    void escapesMarkupAndQuotes() {
        assertEquals("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;", Html.esc("<script>alert('x')</script> & \""));
        assertEquals("-", Html.esc(null));
        assertEquals("a b", Html.esc("a\u0000b"));
        assertEquals("a%2F..%26x%3D1", Html.q("a/..&x=1"));
    }
}
