package dev.siprec.sdp.internal;

import java.util.Locale;

/** Key {@code policy} of PID {@code dev.siprec.srtp}: which RTP profiles the recorder accepts. */
enum KeyPolicy {
    /** Plain RTP only: {@code RTP/SAVP} m-lines are refused. */
    OFF,
    /** Both {@code RTP/AVP} and {@code RTP/SAVP}. */
    OPTIONAL,
    /** SRTP only: {@code RTP/AVP} m-lines are refused. */
    REQUIRED;

    static KeyPolicy parse(String s) {
        if (s != null) {
            for (KeyPolicy p : values()) {
                if (p.name().equalsIgnoreCase(s.trim())) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("dev.siprec.srtp: policy '" + s + "' is not one of off, optional, required");
    }

    String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
