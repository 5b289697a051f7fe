package dev.siprec.sdp.internal;

import java.nio.charset.StandardCharsets;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.siprec.sdp.api.AnswerSession;
import dev.siprec.sdp.api.LocalEndpoint;
import dev.siprec.sdp.api.MediaEndpoints;
import dev.siprec.sdp.api.OfferAnswer;
import dev.siprec.sdp.api.SdpParseException;
import dev.siprec.sdp.api.SessionDescription;

/**
 * Cost of SDP work per recording INVITE: parsing a two-stream SRTP offer (Oracle-style, 2 x 2
 * {@code a=crypto}), answering it (suite choice, two fresh keys from a prediction-resistant DRBG,
 * answer model) and formatting the answer; and one key draw alone ({@code freshKey}), the largest
 * part of an SRTP answer. Not run by the build; run it with
 * <pre>
 * cd bundles/sdp &amp;&amp; mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt \
 *   &amp;&amp; java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main SdpAnswerBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SdpAnswerBenchmark {
    private byte[] offerBytes;
    private SessionDescription offer;
    private SdpCodecComponent codec;
    private SdpAnswererComponent answerer;
    private SessionDescription answer;
    private Fixtures.Keys keys;
    private final MediaEndpoints ports = nm -> Optional.of(new LocalEndpoint("IP4", "192.0.2.200",
            40000 + 2 * nm.index(), 40001 + 2 * nm.index()));

    @Setup
    public void setUp() throws SdpParseException, GeneralSecurityException {
        offerBytes = Fixtures.resource("offers/oracle-acme-srtp.sdp").getBytes(StandardCharsets.UTF_8);
        codec = new SdpCodecComponent();
        offer = codec.parse(offerBytes);
        SrtpNegotiationConfig srtp = new SrtpNegotiationConfig();
        srtp.configure(Fixtures.srtpConfig(Map.of()));
        SecureRandom drbg = SecureRandom.getInstance("DRBG",
                DrbgParameters.instantiation(256, DrbgParameters.Capability.PR_AND_RESEED, null));
        keys = new Fixtures.Keys(drbg);
        Fixtures.Registry registry = new Fixtures.Registry().withAll();
        answerer = new SdpAnswererComponent(registry.service, srtp, Fixtures.kexes(registry.service, keys, codec),
                Fixtures.sdpConfig(Map.of()));
        try (AnswerSession s = answerer.newSession("IP4", "192.0.2.200")) {
            answer = s.answer(offer, ports).answer();
        }
    }

    @Benchmark
    public SessionDescription parseOffer() throws SdpParseException {
        return codec.parse(offerBytes);
    }

    /** One 30-byte key and salt from the prediction-resistant DRBG, as the key manager draws it. */
    @Benchmark
    public boolean freshKey() {
        var k = keys.newMasterKey(16, 14, 0);
        k.close();
        return k.isDestroyed();
    }

    @Benchmark
    public String formatAnswer() {
        return codec.format(answer);
    }

    @Benchmark
    public String parseAnswerFormat() throws SdpParseException {
        try (AnswerSession s = answerer.newSession("IP4", "192.0.2.200")) {
            OfferAnswer oa = s.answer(codec.parse(offerBytes), ports);
            return codec.format(oa.answer());
        }
    }
}
