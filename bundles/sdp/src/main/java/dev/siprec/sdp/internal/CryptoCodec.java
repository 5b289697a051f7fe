package dev.siprec.sdp.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.siprec.sdp.api.CryptoAttribute;
import dev.siprec.sdp.api.KeyParam;
import dev.siprec.sdp.api.Lifetime;
import dev.siprec.sdp.api.Mki;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionParam;

/**
 * The {@code a=crypto} value for SRTP (RFC 4568 §9.1, §9.2): parse and format. Syntax errors and
 * malformed base64 are reported with a reason that never quotes key material.
 */
final class CryptoCodec {
    private static final Pattern SUITE_NAME = Pattern.compile("[A-Za-z0-9_]+");
    private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");
    /** Most key parameters accepted in one attribute (MKI-selected keys of one stream). */
    static final int MAX_KEY_PARAMS = 16;
    /** Longest base64 key||salt accepted: 64 bytes of key and salt need 88 characters. */
    private static final int MAX_KEY_CHARS = 128;

    private CryptoCodec() {
    }

    static CryptoAttribute parse(String value) throws SdpParseException {
        String[] f = WHITESPACE.split(value.trim());
        if (f.length < 3) {
            throw fail("a=crypto needs <tag> <crypto-suite> <key-params> (RFC 4568 §9.1)");
        }
        if (!Addresses.allDigits(f[0]) || f[0].length() > 9) {
            throw fail("crypto tag must be 1 to 9 digits, found '" + f[0] + "'");
        }
        long tag = Long.parseLong(f[0]);
        if (!SUITE_NAME.matcher(f[1]).matches()) {
            throw fail("crypto suite name is malformed: '" + f[1] + "'");
        }
        List<KeyParam> keys = keyParams(f[2], "key parameter");
        List<SessionParam> params = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 3; i < f.length; i++) {
            SessionParam p = sessionParam(f[i]);
            if (!seen.add(p.name())) {
                wipe(keys);
                throw fail("session parameter " + p.name() + " appears twice");
            }
            params.add(p);
        }
        return new CryptoAttribute(tag, f[1], keys, params);
    }

    static String format(CryptoAttribute c) {
        StringBuilder b = new StringBuilder().append(c.tag()).append(' ').append(c.suite()).append(' ');
        b.append(formatKeyParams(c.keyParams()));
        for (SessionParam p : c.sessionParams()) {
            b.append(' ').append(p.text());
        }
        return b.toString();
    }

    private static String formatKeyParams(List<KeyParam> keys) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            KeyParam k = keys.get(i);
            byte[] raw = k.keyAndSalt();
            try {
                b.append(i == 0 ? "" : ";").append(k.method()).append(':')
                        .append(Base64.getEncoder().encodeToString(raw));
            } finally {
                Arrays.fill(raw, (byte) 0);
            }
            k.lifetime().ifPresent(l -> b.append('|').append(l));
            k.mki().ifPresent(m -> b.append('|').append(m));
        }
        return b.toString();
    }

    /** Parses {@code key-param *(";" key-param)} and checks the MKI rules of RFC 4568 §6.1. */
    static List<KeyParam> keyParams(String text, String what) throws SdpParseException {
        String[] parts = text.split(";", -1);
        if (parts.length > MAX_KEY_PARAMS) {
            throw fail("more than " + MAX_KEY_PARAMS + " key parameters");
        }
        List<KeyParam> keys = new ArrayList<>();
        try {
            for (int i = 0; i < parts.length; i++) {
                keys.add(keyParam(parts[i], parts.length == 1 ? what : what + " " + (i + 1)));
            }
            checkMkis(keys);
        } catch (SdpParseException e) {
            wipe(keys);
            throw e;
        }
        return keys;
    }

    private static KeyParam keyParam(String text, String what) throws SdpParseException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw fail(what + " must be <key-method>:<key-info>");
        }
        String method = text.substring(0, colon);
        if (!KeyParam.INLINE.equals(method.toLowerCase(Locale.ROOT))) {
            throw fail(what + ": key method '" + method + "' is not supported (only inline, RFC 4568 §6.1)");
        }
        String[] info = text.substring(colon + 1).split("\\|", -1);
        if (info.length > 3) {
            throw fail(what + ": too many '|' fields (key||salt[|lifetime][|MKI:length])");
        }
        byte[] keySalt = base64(info[0], what);
        try {
            Lifetime lifetime = null;
            Mki mki = null;
            for (int i = 1; i < info.length; i++) {
                if (info[i].indexOf(':') >= 0) {
                    if (i != info.length - 1) {
                        throw fail(what + ": the MKI must be the last field");
                    }
                    mki = mki(info[i], what);
                } else if (i == 1) {
                    lifetime = lifetime(info[i], what);
                } else {
                    throw fail(what + ": third field must be MKI:length, found '" + info[i] + "'");
                }
            }
            return KeyParam.inline(keySalt, lifetime, mki);
        } finally {
            Arrays.fill(keySalt, (byte) 0);
        }
    }

    private static byte[] base64(String s, String what) throws SdpParseException {
        if (s.isEmpty()) {
            throw fail(what + ": empty key||salt");
        }
        if (s.length() > MAX_KEY_CHARS) {
            throw fail(what + ": key||salt longer than " + MAX_KEY_CHARS + " base64 characters");
        }
        int pad = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
                    || c == '/';
            if (c == '=') {
                pad++;
            } else if (!alpha || pad > 0) {
                throw fail(what + ": key||salt is not base64 (illegal character at position " + (i + 1) + ")");
            }
        }
        if (pad > 2 || (s.length() - pad) % 4 == 1 || (pad > 0 && s.length() % 4 != 0)) {
            throw fail(what + ": key||salt is not base64 (bad length or padding)");
        }
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw fail(what + ": key||salt is not base64 (bad length or padding)");
        }
    }

    private static Lifetime lifetime(String s, String what) throws SdpParseException {
        if (s.startsWith("2^")) {
            String n = s.substring(2);
            if (!Addresses.allDigits(n) || n.length() > 2 || Integer.parseInt(n) > 62) {
                throw fail(what + ": lifetime '" + s + "' must be 2^n with n in 0..62");
            }
            return Lifetime.powerOfTwo(Integer.parseInt(n));
        }
        if (!Addresses.allDigits(s) || s.length() > 18 || Long.parseLong(s) < 1) {
            throw fail(what + ": lifetime '" + s + "' must be 2^n or a decimal number of packets from 1");
        }
        return new Lifetime(Long.parseLong(s), false);
    }

    private static Mki mki(String s, String what) throws SdpParseException {
        int colon = s.indexOf(':');
        String value = s.substring(0, colon);
        String length = s.substring(colon + 1);
        if (!Addresses.allDigits(value) || !Addresses.allDigits(length) || length.length() > 3) {
            throw fail(what + ": MKI '" + s + "' must be <value>:<length> in decimal");
        }
        int len = Integer.parseInt(length);
        if (len < 1 || len > Mki.MAX_LENGTH) {
            throw fail(what + ": MKI length " + len + " outside 1.." + Mki.MAX_LENGTH);
        }
        if (value.length() > 18) {
            throw fail(what + ": MKI value " + value + " is too large");
        }
        long v = Long.parseLong(value);
        if (len < 8 && (v >>> (8 * len)) != 0) {
            throw fail(what + ": MKI value " + v + " does not fit in " + len + " bytes");
        }
        return new Mki(v, len);
    }

    /** RFC 4568 §6.1: several keys of one attribute each carry an MKI, all of one length, with distinct values. */
    private static void checkMkis(List<KeyParam> keys) throws SdpParseException {
        if (keys.size() < 2) {
            return;
        }
        Set<Long> values = new HashSet<>();
        int length = -1;
        for (KeyParam k : keys) {
            if (k.mki().isEmpty()) {
                throw fail("several key parameters need an MKI each (RFC 4568 §6.1)");
            }
            Mki m = k.mki().get();
            if (length >= 0 && m.length() != length) {
                throw fail("the MKIs of one crypto attribute must have the same length (RFC 4568 §6.1)");
            }
            length = m.length();
            if (!values.add(m.value())) {
                throw fail("MKI value " + m.value() + " is used by two key parameters");
            }
        }
    }

    private static SessionParam sessionParam(String token) throws SdpParseException {
        int eq = token.indexOf('=');
        String name = eq < 0 ? token : token.substring(0, eq);
        String value = eq < 0 ? null : token.substring(eq + 1);
        switch (name) {
            case SessionParam.KDR -> {
                if (value == null || !Addresses.allDigits(value) || value.length() > 2 || value.startsWith("0")
                        || Integer.parseInt(value) > 24) {
                    throw fail("KDR=" + value + " is not a number in 1..24 (RFC 4568 §6.3.1)");
                }
            }
            case SessionParam.UNENCRYPTED_SRTP, SessionParam.UNENCRYPTED_SRTCP, SessionParam.UNAUTHENTICATED_SRTP -> {
                if (value != null) {
                    throw fail(name + " takes no value (RFC 4568 §6.3.2, §6.3.3)");
                }
            }
            case SessionParam.FEC_ORDER -> {
                if (!"FEC_SRTP".equals(value) && !"SRTP_FEC".equals(value)) {
                    throw fail("FEC_ORDER must be FEC_SRTP or SRTP_FEC (RFC 4568 §6.3.4)");
                }
            }
            case SessionParam.FEC_KEY -> {
                if (value == null) {
                    throw fail("FEC_KEY needs key parameters (RFC 4568 §6.3.5)");
                }
                wipe(keyParams(value, "FEC_KEY key parameter"));
            }
            case SessionParam.WSH -> {
                if (value == null || !Addresses.allDigits(value) || value.length() > 9 || Integer.parseInt(value) < 64) {
                    throw fail("WSH=" + value + " must be a number of at least 64 (RFC 4568 §6.3.6)");
                }
            }
            default -> {
                for (int i = 0; i < token.length(); i++) {
                    if (token.charAt(i) < 0x21 || token.charAt(i) > 0x7e) {
                        throw fail("session parameter contains a character outside visible ASCII");
                    }
                }
                if (name.isEmpty() || "-".equals(name)) {
                    throw fail("empty session parameter name");
                }
            }
        }
        return new SessionParam(name, value);
    }

    private static void wipe(List<KeyParam> keys) {
        keys.forEach(KeyParam::close);
    }

    private static SdpParseException fail(String reason) {
        return new SdpParseException(0, reason);
    }
}
