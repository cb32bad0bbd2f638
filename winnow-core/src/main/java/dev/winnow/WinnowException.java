package dev.winnow;

/**
 * A problem with the user's data or a run: one line that names the file (or input) and what is wrong.
 * The command line prints its message alone and exits with code 1.
 */
public class WinnowException extends RuntimeException {
    public WinnowException(String message) {
        super(message);
    }

    public WinnowException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * {@code value} as a message may show it on one line: line breaks and other control characters
     * escaped, cut after 100 characters.
     */
    public static String shown(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length() && b.length() < 100; i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.length() >= 100 && value.length() > 100 ? b + "…" : b.toString();
    }
}
