package io.hatidata.api.identity;

/**
 * The credentials do not prove an identity. The message is safe to show the client and deliberately
 * does not say which part was wrong.
 */
public class AuthenticationException extends Exception {
    private static final long serialVersionUID = 1L;

    public AuthenticationException(String message) {
        super(message);
    }
}
