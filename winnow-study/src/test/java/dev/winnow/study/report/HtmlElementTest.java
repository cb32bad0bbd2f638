package dev.winnow.study.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HtmlElementTest {
    @Test
    void textAndAttributesAreAlwaysEscaped() {
        HtmlElement p = new HtmlElement("p").cls("note").text("a < b & \"c\" > d");
        p.element("img").attr("src", "x.png").attr("alt", "\"><script>alert(1)</script>");
        assertThat(p.render()).isEqualTo("<p class=\"note\">a &lt; b &amp; &quot;c&quot; &gt; d"
                + "<img src=\"x.png\" alt=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"></p>\n");
    }

    @Test
    void childrenNestInOrderAndVoidElementsHaveNoEndTag() {
        HtmlElement td = new HtmlElement("td");
        td.element("b", "91.00");
        td.text(" ± 1.41");
        assertThat(td.render()).isEqualTo("<td><b>91.00</b> ± 1.41</td>");
        assertThatThrownBy(() -> new HtmlElement("img").text("x")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new HtmlElement("meta").element("b")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void namesAreCheckedSoThatNoMarkupHidesInThem() {
        assertThatThrownBy(() -> new HtmlElement("td onclick=x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HtmlElement("td").attr("style\"", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aStyleSheetIsRawButCannotEndItsElement() {
        HtmlElement style = new HtmlElement("style").css("body { font: \"DejaVu Sans\"; }");
        assertThat(style.render()).isEqualTo("<style>body { font: \"DejaVu Sans\"; }</style>\n");
        assertThatThrownBy(() -> new HtmlElement("style").css("</style><script>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HtmlElement("p").css("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPageIsAnHtmlElementAfterTheDoctype() {
        HtmlElement html = new HtmlElement("html").attr("lang", "en");
        html.element("body");
        assertThat(html.renderPage()).isEqualTo("<!DOCTYPE html>\n<html lang=\"en\"><body></body>\n</html>\n");
        assertThatThrownBy(() -> new HtmlElement("body").renderPage()).isInstanceOf(IllegalStateException.class);
    }
}
