package io.hatidata.api.identity;

/**
 * The credentials could not be checked (the control plane is unreachable, the node is stopping): the
 * client should retry later rather than fix its key. Front-ends report it differently from a wrong key
 * (on the wire: {@code 57P03 cannot_connect_now} instead of {@code 28P01}).
 */
public class AuthenticationUnavailableException extends AuthenticationException {
    private static final long serialVersionUID = 1L;

    public AuthenticationUnavailableException(String message) {
        super(message);
    }
}
