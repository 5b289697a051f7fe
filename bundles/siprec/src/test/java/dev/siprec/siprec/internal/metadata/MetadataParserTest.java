package dev.siprec.siprec.internal.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.siprec.recording.api.Participant;

/** The vendor-style metadata corpus (src/test/resources/metadata), one dialect per test. */
public class MetadataParserTest {
    private final MetadataParser parser = new MetadataParser();

    public static byte[] resource(String name) {
        try (InputStream in = MetadataParserTest.class.getResourceAsStream("/metadata/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Metadata parse(String name) throws MetadataException {
        return parser.parse(resource(name));
    }

    @Test
    void rfc7865Example() throws Exception {
        Metadata m = parse("rfc7865.xml");
        assertEquals("rfc7865", m.dialect());
        assertFalse(m.partial());
        assertEquals(List.of("7+OTCyoxTmqmqyA/1weDAg=="), List.copyOf(m.groups().keySet()));
        Metadata.Session s = m.sessions().get("hVpd7YQgRW2nD22h7q60JQ==");
        assertEquals("7+OTCyoxTmqmqyA/1weDAg==", s.groupId());
        assertEquals(1, s.sipSessionIds().size());
        assertEquals(Instant.parse("2010-12-16T23:41:07Z"), s.associated());
        Metadata.Party bob = m.participants().get("srfBElmCRp2QB23b7Mpk0w==");
        assertEquals("sip:bob@biloxi.com", bob.aor());
        assertEquals("Bob", bob.name());
        assertEquals(List.of("i1Pz3to5hGk8fuXl+PbwCw=="), bob.sends());
        assertEquals(List.of("UAAMm5GRQKSCMVvLyl4rFw=="), bob.receives());
        Metadata.Party alice = m.participants().get("zSfPoSvdSDCmU3A3TRDxAw==");
        assertEquals(Instant.parse("2010-12-16T23:58:20Z"), alice.disassociated());
        assertEquals("96", m.streams().get("UAAMm5GRQKSCMVvLyl4rFw==").label());
        assertEquals(1, m.extensions().size(), "call-center extension kept");
        Metadata.Extension e = m.extensions().get(0);
        assertEquals("7+OTCyoxTmqmqyA/1weDAg==", e.parent());
        assertTrue(e.xml().contains("urn:ietf:params:xml:ns:callcenter") && e.xml().contains("sip:alice@atlanta.com"), e.xml());
    }

    @Test
    void oracleAcmeDraftWithApktExtensionData() throws Exception {
        Metadata m = parse("oracle-acme.xml");
        assertEquals("draft", m.dialect());
        Metadata.Party caller = m.participants().get("hq18GJs3TtJdhjPsfPNV8A==");
        assertEquals("sip:caller@192.0.2.10", caller.aor());
        assertEquals("BYiC7uSZQGN3VQdzWI1HWw==", caller.sessionId());
        assertEquals(List.of("aD50KX+LTvxNzASg+/GQTg=="), caller.sends());
        assertEquals(Instant.parse("2012-06-26T13:44:13Z"), caller.associated(), "a time without zone is UTC");
        assertEquals("separate", m.streams().get("aD50KX+LTvxNzASg+/GQTg==").mode());
        assertEquals(3, m.extensions().size());
        Metadata.Extension first = m.extensions().get(0);
        assertEquals("hq18GJs3TtJdhjPsfPNV8A==", first.parent());
        assertTrue(first.xml().contains("apkt:callingParty>true</apkt:callingParty>"), first.xml());
        assertTrue(first.xml().contains("xmlns:apkt=\"http://acmepacket.com/siprec/extensiondata\""), first.xml());
        assertTrue(first.xml().contains("&lt;sip:first@divert.example&gt;"), "escaped text stays escaped: " + first.xml());
        assertNull(m.extensions().get(2).parent(), "top-level extension data");
        assertTrue(m.extensions().get(2).xml().contains("00FA080018803B69810C4D"));
    }

    @Test
    void ribbonPrefixedNamespace() throws Exception {
        Metadata m = parse("ribbon-tns.xml");
        assertEquals("rfc7865", m.dialect());
        assertEquals(2, m.participants().size());
        assertEquals("Agent 1", m.participants().get("cGFydC1h").name());
        assertEquals("tel:+15559870002", m.participants().get("cGFydC1i").aor());
        assertEquals(List.of("c3RyZWFtLWI="), m.participants().get("cGFydC1i").sends());
        assertEquals("Z3JvdXAtMDAwMDAx", m.sessions().get("c2Vzc2lvbi0wMDAwMDE=").groupId());
        assertEquals(Instant.parse("2023-03-01T10:15:00.123Z"), m.sessions().get("c2Vzc2lvbi0wMDAwMDE=").associated());
        assertEquals(1, m.extensions().size());
        assertTrue(m.extensions().get(0).xml().startsWith("<rbn:callInfo xmlns:rbn=\"http://ribboncommunications.com/siprec\">"),
                m.extensions().get(0).xml());
    }

    @Test
    void broadworksEarlyDraftFormat() throws Exception {
        Metadata m = parse("broadworks-draft.xml");
        assertEquals("draft-siprec", m.dialect());
        assertEquals("YnctcmVjb3JkaW5nLTQ0MQ==", m.recordingId());
        assertEquals("YnctZ3JvdXAtNDQx", m.sessions().get("YnctY2FsbC00NDE=").groupId());
        assertEquals(2, m.participants().size());
        assertEquals("mixed", m.streams().get("YnctbWl4ZWQ=").mode());
        MetadataState state = new MetadataState();
        state.apply(m);
        assertEquals("YnctZ3JvdXAtNDQx", state.groupId());
        assertEquals(List.of("YnctbWl4ZWQ="), state.participants().get(0).sends());
    }

    @Test
    void avayaCamelCasePlaceholderReplacedByPartialUpdate() throws Exception {
        MetadataState state = new MetadataState();
        Metadata first = parse("avaya-initial.xml");
        assertFalse(first.partial());
        state.apply(first);
        assertEquals(2, state.participants().size(), "placeholder kept while nobody else sends its stream");
        Metadata update = parse("avaya-update.xml");
        assertTrue(update.partial(), "camelCase dataMode partial");
        state.apply(update);
        List<Participant> ps = state.participants();
        assertEquals(List.of("YXZheWEtYWdlbnQ=", "YXZheWEtY3VzdG9tZXI="), ps.stream().map(Participant::id).toList());
        Participant customer = ps.get(1);
        assertEquals("sip:+4930123456@avaya.example.com", customer.aor());
        assertEquals(List.of("YXZheWEtc3RyZWFtLTI="), customer.sends());
        assertEquals("2", state.current().streams().get("YXZheWEtc3RyZWFtLTI=").label(), "streams survive a partial update");
    }

    @Test
    void ciscoRfcFormat() throws Exception {
        Metadata m = parse("cisco.xml");
        assertEquals(2, m.participants().size());
        assertEquals("Y2lzY28tc2Vzc2lvbi03", m.participants().get("Y2lzY28tcGFydHktMQ==").sessionId());
        assertEquals(List.of("Y2lzY28tc3RyZWFtLTE="), m.participants().get("Y2lzY28tcGFydHktMQ==").sends());
        assertEquals(Instant.parse("2021-11-02T09:30:00Z"), m.sessions().get("Y2lzY28tc2Vzc2lvbi03").associated());
    }

    @Test
    void opensipsWithOffsetTimes() throws Exception {
        Metadata m = parse("opensips.xml");
        assertEquals(Instant.parse("2024-02-10T15:20:31Z"), m.sessions().get("b3BlbnNpcHMtc2Vzcw==").associated());
        assertEquals(List.of("b3BlbnNpcHMtc3RyMQ=="), m.participants().get("b3BlbnNpcHMtY2FsbGVl").sends());
        assertEquals(List.of(), m.participants().get("b3BlbnNpcHMtY2FsbGVl").receives());
    }

    @Test
    void audiocodesExtensionsAttachedToTheirParents() throws Exception {
        Metadata m = parse("audiocodes.xml");
        assertEquals(2, m.extensions().size());
        assertEquals("YWMtc2Vzc2lvbg==", m.extensions().get(0).parent());
        assertTrue(m.extensions().get(0).xml().contains("FA080018803B69810C4D"));
        assertTrue(m.extensions().get(0).xml().startsWith("<ac:AvayaUCID xmlns:ac=\"http://AudioCodes\">"),
                "stands alone: the prefix declared on the root is declared on the extension: " + m.extensions().get(0).xml());
        assertEquals("YWMtcDE=", m.extensions().get(1).parent());
        MetadataState s = new MetadataState();
        s.apply(m);
        assertEquals("00000000-0000-0000-0000-00004b9e1a10", s.groupId());
    }

    @Test
    void idsAsElementsAndEmptyAssociation() throws Exception {
        Metadata m = parse("element-ids.xml");
        assertEquals(List.of("ZWwtc2Vzcw=="), List.copyOf(m.sessions().keySet()));
        Metadata.Party one = m.participants().get("ZWwtcDE=");
        assertEquals("sip:one@pbx.example", one.aor());
        assertEquals("One", one.name());
        assertEquals(List.of(), m.participants().get("ZWwtcDI=").sends(), "empty association: sends nothing");
        assertEquals("10", m.streams().get("ZWwtczE=").label());
    }

    @Test
    void namespaceWithoutOneAndWithoutNamespaceAccepted() throws Exception {
        String body = "<recording><datamode>complete</datamode><participant participant_id='p'><nameID aor='sip:a@b'/></participant></recording>";
        assertEquals("sip:a@b", parser.parse(body.getBytes()).participants().get("p").aor());
    }

    @Test
    void foreignDocumentRefused() {
        MetadataException e = org.junit.jupiter.api.Assertions.assertThrows(MetadataException.class,
                () -> parser.parse("<html xmlns='http://www.w3.org/1999/xhtml'><body/></html>".getBytes()));
        assertTrue(e.getMessage().contains("not recording metadata"), e.getMessage());
    }

    @Test
    void partialUpdatesBounded() throws Exception {
        MetadataState state = new MetadataState();
        state.apply(parse("cisco.xml"));
        for (int i = 0; i < MetadataState.MAX_ENTRIES + 5; i++) {
            String body = "<recording xmlns='urn:ietf:params:xml:ns:recording:1'><datamode>partial</datamode>"
                    + "<participant participant_id='p" + i + "'><nameID aor='sip:" + i + "@x'/></participant>"
                    + "<x:ext xmlns:x='urn:example'>" + i + "</x:ext></recording>";
            state.apply(parser.parse(body.getBytes()));
        }
        assertEquals(MetadataState.MAX_ENTRIES, state.current().participants().size());
        assertEquals(MetadataState.MAX_EXTENSIONS, state.current().extensions().size());
        assertTrue(state.truncated());
    }

    @Test
    void completeUpdateReplacesState() throws Exception {
        MetadataState state = new MetadataState();
        state.apply(parse("rfc7865.xml"));
        state.apply(parse("cisco.xml"));
        assertEquals(List.of("Y2lzY28tcGFydHktMQ==", "Y2lzY28tcGFydHktMg=="),
                state.participants().stream().map(Participant::id).toList());
        assertNull(state.groupId());
    }
}
