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
}
