package dev.siprec.sdp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.siprec.kex.api.KeyExchange;

class KeyExchangesTest {
    private final KeyExchanges kexes = new KeyExchanges();

    private static KeyExchange named(String name) {
        return new KeyExchangePluginTest.Fake(name, true, false);
    }

    @Test
    void theHighestRankingThenTheOldestAnswersAProtocolCaseInsensitively() {
        KeyExchange a = named("A");
        KeyExchange b = named("B");
        KeyExchange c = named("C");
        kexes.add(a, Map.of(KeyExchange.NAME, "A", KeyExchange.PROTOCOLS, "rtp/savp, RTP/SAVPF", "service.id", 3L));
        kexes.add(b, Map.of(KeyExchange.NAME, "B", KeyExchange.PROTOCOLS, new String[] {"RTP/SAVP"}, "service.id", 2L));
        assertSame(b, kexes.forProtocol("RTP/SAVP").orElseThrow(), "same ranking: the older service");
        assertSame(a, kexes.forProtocol("rtp/savpf").orElseThrow());
        kexes.add(c, Map.of(KeyExchange.NAME, "C", KeyExchange.PROTOCOLS, List.of("RTP/SAVP"), "service.id", 9L,
                "service.ranking", 5));
        assertSame(c, kexes.forProtocol("RTP/SAVP").orElseThrow());
        kexes.remove(c, Map.of());
        assertSame(b, kexes.forProtocol("RTP/SAVP").orElseThrow());
        assertTrue(kexes.forProtocol("UDP/TLS/RTP/SAVP").isEmpty());
        assertEquals(List.of("A", "B"), kexes.names());
    }

    @Test
    void registrationsThatDisagreeWithThemselvesOrNameNoProtocolAreSkipped() {
        kexes.add(named("SDES"), Map.of(KeyExchange.NAME, "DTLS", KeyExchange.PROTOCOLS, "RTP/SAVP", "service.id", 1L));
        kexes.add(named("X"), Map.of(KeyExchange.NAME, "X", "service.id", 2L));
        kexes.add(named("Y"), Map.of(KeyExchange.NAME, "Y", KeyExchange.PROTOCOLS, " , ", "service.id", 3L));
        assertEquals(List.of(), kexes.names());
        assertEquals(Set.of(), Set.copyOf(kexes.names()));
    }
}
