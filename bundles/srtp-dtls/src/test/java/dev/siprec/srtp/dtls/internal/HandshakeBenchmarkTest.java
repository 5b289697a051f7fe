package dev.siprec.srtp.dtls.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs a short measurement so that the benchmark stays working; the number is printed. */
class HandshakeBenchmarkTest {
    @Test
    void measuresHandshakesPerCpuSecond() throws Exception {
        int n = Integer.getInteger("dtls.bench.n", 30);
        double rate = HandshakeBenchmark.run(Math.max(5, n / 4), n);
        assertTrue(rate > 1, "at least one handshake per CPU-second: " + rate);
    }
}
