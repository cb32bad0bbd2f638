package dev.winnow.study.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An HTML element with its attributes and content, for building a page without a template engine:
 * {@link #text} and {@link #attr} always escape, so no value from a study folder (a method name, a
 * sentence of the data, a path) can become markup. The one way to put unescaped text in is a style
 * sheet from our own classpath ({@link #css}).
 */
public final class HtmlElement {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    /** Elements without content or an end tag. */
    private static final Set<String> VOID = Set.of("meta", "img", "br", "hr", "link");
    /** Elements followed by a line break, so that the page reads well as text. */
    private static final Set<String> BLOCK = Set.of("html", "head", "meta", "title", "style", "body", "main",
            "section", "h1", "h2", "h3", "p", "figure", "table", "thead", "tbody", "tr", "footer");

    private final String name;
    private final StringBuilder attrs = new StringBuilder();
    /** Escaped text ({@link String}) and child elements, in order. */
    private final List<Object> content = new ArrayList<>();

    /** A new element {@code name} (lower case, e.g. {@code td}). */
    public HtmlElement(String name) {
        this.name = checkName(name);
    }

    /** Sets attribute {@code name} to {@code value} (escaped); returns this element. */
    public HtmlElement attr(String name, String value) {
        attrs.append(' ').append(checkName(name)).append("=\"").append(escape(value)).append('"');
        return this;
    }

    /** Sets the {@code class} attribute; returns this element. */
    public HtmlElement cls(String classes) {
        return attr("class", classes);
    }

    /** Appends a new child element {@code name} and returns it. */
    public HtmlElement element(String name) {
        if (VOID.contains(this.name)) {
            throw new IllegalStateException("<" + this.name + "> has no content");
        }
        HtmlElement child = new HtmlElement(name);
        content.add(child);
        return child;
    }

    /** Appends a new child element {@code name} holding {@code text} (escaped); returns the child. */
    public HtmlElement element(String name, String text) {
        return element(name).text(text);
    }

    /** Appends {@code text}, escaped; returns this element. */
    public HtmlElement text(String text) {
        if (VOID.contains(name)) {
            throw new IllegalStateException("<" + name + "> has no content");
        }
        content.add(escape(text));
        return this;
    }

    /**
     * Appends a style sheet, unescaped (the content of {@code <style>} is not HTML); only inside
     * {@code <style>}, and never one that could end it.
     */
    public HtmlElement css(String styleSheet) {
        if (!name.equals("style") || styleSheet.contains("</")) {
            throw new IllegalArgumentException("a style sheet goes inside <style> and holds no '</'");
        }
        content.add(styleSheet);
        return this;
    }

    /** This element as HTML. */
    public String render() {
        StringBuilder out = new StringBuilder();
        render(out);
        return out.toString();
    }

    /** {@code <!DOCTYPE html>} and this {@code <html>} element: a whole page. */
    public String renderPage() {
        if (!name.equals("html")) {
            throw new IllegalStateException("a page is an <html> element, not <" + name + ">");
        }
        return "<!DOCTYPE html>\n" + render();
    }

    private void render(StringBuilder out) {
        out.append('<').append(name).append(attrs).append('>');
        if (!VOID.contains(name)) {
            for (Object c : content) {
                if (c instanceof HtmlElement e) {
                    e.render(out);
                } else {
                    out.append((String) c);
                }
            }
            out.append("</").append(name).append('>');
        }
        if (BLOCK.contains(name)) {
            out.append('\n');
        }
    }

    /** {@code s} with {@code & < > "} as character references: safe in text and in a quoted attribute. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not an element or attribute name: '" + name + "'");
        }
        return name;
    }
}
