package dev.siprec.sdp.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.siprec.sdp.api.Codec;
import dev.siprec.sdp.api.MediaDescription;

/**
 * Chooses the payload formats of an audio answer: every offered codec the server can decode (the
 * configured list) plus {@code telephone-event} (RFC 4733) and {@code CN} (RFC 3389) when offered,
 * in the offer's order and with its payload types (RFC 3264 §6.1). Formats come from
 * {@code a=rtpmap}, else from the static table of RFC 3551 §6.
 */
final class CodecSelector {
    private static final Pattern WHITESPACE = Pattern.compile("[ \t]+");
    /** RFC 3551 §6 static audio payload types. */
    private static final Map<Integer, Codec> STATIC = Map.ofEntries(
            Map.entry(0, new Codec(0, "PCMU", 8000, 1, null)), Map.entry(3, new Codec(3, "GSM", 8000, 1, null)),
            Map.entry(4, new Codec(4, "G723", 8000, 1, null)), Map.entry(5, new Codec(5, "DVI4", 8000, 1, null)),
            Map.entry(6, new Codec(6, "DVI4", 16000, 1, null)), Map.entry(7, new Codec(7, "LPC", 8000, 1, null)),
            Map.entry(8, new Codec(8, "PCMA", 8000, 1, null)), Map.entry(9, new Codec(9, "G722", 8000, 1, null)),
            Map.entry(10, new Codec(10, "L16", 44100, 2, null)), Map.entry(11, new Codec(11, "L16", 44100, 1, null)),
            Map.entry(12, new Codec(12, "QCELP", 8000, 1, null)), Map.entry(13, new Codec(13, "CN", 8000, 1, null)),
            Map.entry(15, new Codec(15, "G728", 8000, 1, null)), Map.entry(18, new Codec(18, "G729", 8000, 1, null)));

    /**
     * RTP clock rates and channels of well-known codecs, to match a configured name without a rate;
     * channels 0 accepts any count (Opus signals stereo in-band, and {@code opus/48000} without the
     * {@code /2} of RFC 7587 §7 is seen in the field).
     */
    private static final Map<String, int[]> CANONICAL = Map.of("PCMU", new int[] {8000, 1}, "PCMA",
            new int[] {8000, 1}, "G722", new int[] {8000, 1}, "OPUS", new int[] {48000, 0}, "G729",
            new int[] {8000, 1}, "GSM", new int[] {8000, 1}, "ILBC", new int[] {8000, 1}, "AMR",
            new int[] {8000, 1}, "AMR-WB", new int[] {16000, 1});

    /** One configured codec: name, and clock rate / channels, 0 for "as the canonical table says, or any". */
    record Supported(String name, int clockRate, int channels) {
        boolean matches(Codec c) {
            if (!name.equalsIgnoreCase(c.encoding())) {
                return false;
            }
            int[] canonical = CANONICAL.get(name.toUpperCase(Locale.ROOT));
            int rate = clockRate != 0 ? clockRate : canonical != null ? canonical[0] : 0;
            int ch = channels != 0 ? channels : canonical != null ? canonical[1] : 0;
            return (rate == 0 || rate == c.clockRate()) && (ch == 0 || ch == c.channels());
        }

        @Override
        public String toString() {
            return name + (clockRate == 0 ? "" : "/" + clockRate) + (channels == 0 ? "" : "/" + channels);
        }
    }

    private final List<Supported> supported;

    CodecSelector(List<Supported> supported) {
        this.supported = List.copyOf(supported);
    }

    /** Parses the {@code codecs} configuration: {@code name[/clockrate[/channels]]}, commas allowed inside entries. */
    static CodecSelector fromConfig(String[] entries) {
        List<Supported> list = new ArrayList<>();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String token : entry.split("[,\\s]+")) {
                if (!token.isEmpty()) {
                    list.add(parseSupported(token));
                }
            }
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("dev.siprec.sdp: 'codecs' is empty, so no audio m-line could be accepted");
        }
        return new CodecSelector(list);
    }

    private static Supported parseSupported(String token) {
        String[] p = token.split("/", -1);
        if (p.length > 3 || !SdpParser.isToken(p[0])
                || (p.length > 1 && !(Addresses.allDigits(p[1]) && p[1].length() <= 6))
                || (p.length > 2 && !(Addresses.allDigits(p[2]) && p[2].length() <= 2))) {
            throw new IllegalArgumentException("dev.siprec.sdp: codec '" + token
                    + "' must be name or name/clockrate[/channels], e.g. opus/48000/2");
        }
        if (p[0].equalsIgnoreCase(Codec.TELEPHONE_EVENT) || p[0].equalsIgnoreCase(Codec.COMFORT_NOISE)) {
            throw new IllegalArgumentException("dev.siprec.sdp: codec '" + token
                    + "' need not be listed: telephone-event and CN are always accepted when offered");
        }
        return new Supported(p[0], p.length > 1 ? Integer.parseInt(p[1]) : 0, p.length > 2 ? Integer.parseInt(p[2]) : 0);
    }

    List<Supported> supported() {
        return supported;
    }

    /** @return every format of the m-line the offer describes, in its order (unknown dynamic ones left out). */
    static List<Codec> offered(MediaDescription m) {
        Map<Integer, Codec> rtpmap = new HashMap<>();
        for (String v : m.attributes("rtpmap")) {
            Codec c = parseRtpmap(v);
            if (c != null) {
                rtpmap.putIfAbsent(c.payloadType(), c);
            }
        }
        Map<Integer, String> fmtp = new HashMap<>();
        for (String v : m.attributes("fmtp")) {
            int sp = v.indexOf(' ');
            String pt = sp < 0 ? v : v.substring(0, sp);
            if (Addresses.allDigits(pt) && pt.length() <= 3) {
                fmtp.putIfAbsent(Integer.parseInt(pt), sp < 0 ? "" : v.substring(sp + 1).trim());
            }
        }
        List<Codec> out = new ArrayList<>();
        for (String f : m.formats()) {
            if (!Addresses.allDigits(f) || f.length() > 3 || Integer.parseInt(f) > 127) {
                continue;
            }
            int pt = Integer.parseInt(f);
            Codec c = rtpmap.getOrDefault(pt, STATIC.get(pt));
            if (c != null) {
                out.add(new Codec(pt, c.encoding(), c.clockRate(), c.channels(), fmtp.get(pt)));
            }
        }
        return out;
    }

    /** @return the answer's formats; no audio codec among them means the m-line cannot be recorded. */
    List<Codec> select(List<Codec> offered) {
        List<Codec> out = new ArrayList<>();
        for (Codec c : offered) {
            if (!c.isAudio() || supported.stream().anyMatch(s -> s.matches(c))) {
                out.add(c);
            }
        }
        return out;
    }

    /** {@code <pt> <encoding>/<clock>[/<channels>]} (RFC 8866 §6.6); {@code null} when malformed. */
    static Codec parseRtpmap(String v) {
        String[] f = WHITESPACE.split(v.trim());
        if (f.length != 2 || !Addresses.allDigits(f[0]) || f[0].length() > 3 || Integer.parseInt(f[0]) > 127) {
            return null;
        }
        String[] e = f[1].split("/", -1);
        if (e.length < 2 || e.length > 3 || e[0].isEmpty() || !Addresses.allDigits(e[1]) || e[1].length() > 7
                || (e.length == 3 && (!Addresses.allDigits(e[2]) || e[2].length() > 2))) {
            return null;
        }
        int rate = Integer.parseInt(e[1]);
        int ch = e.length == 3 ? Integer.parseInt(e[2]) : 1;
        if (rate == 0 || ch == 0) {
            return null;
        }
        return new Codec(Integer.parseInt(f[0]), e[0], rate, ch, null);
    }
}
