package dev.siprec.sip.api;

import java.util.Objects;

/**
 * One header field to add to an outgoing message. The stack writes the value as given; values
 * containing CR or LF are rejected (header injection).
 *
 * @param name header name, long form preferred
 * @param value header value
 */
public record SipHeader(String name, String value) {
    public SipHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty() || name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || name.indexOf(':') >= 0) {
            throw new IllegalArgumentException("invalid header name");
        }
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header value of " + name + " contains CR or LF");
        }
    }
}
