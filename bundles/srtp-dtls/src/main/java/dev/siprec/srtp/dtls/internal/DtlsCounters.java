package dev.siprec.srtp.dtls.internal;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one engine: handshakes and every refusal by reason. */
final class DtlsCounters {
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
    final LongAdder started = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder helloVerifySent = new LongAdder();

    DtlsCounters() {
        for (Refusal r : Refusal.values()) {
            refused.put(r, new LongAdder());
        }
    }

    void refused(Refusal r) {
        refused.get(r).increment();
    }

    long refusals(Refusal r) {
        return refused.get(r).sum();
    }

    /** @return a snapshot, names in lower case with dots, for operators. */
    Map<String, Long> snapshot() {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("handshakes.started", started.sum());
        m.put("handshakes.completed", completed.sum());
        m.put("hello.verify.sent", helloVerifySent.sum());
        for (Refusal r : Refusal.values()) {
            m.put("refused." + r.name().toLowerCase(java.util.Locale.ROOT).replace('_', '.'), refused.get(r).sum());
        }
        return m;
    }
}
