package dev.siprec.media.internal;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

import dev.siprec.media.api.MediaException;
import dev.siprec.media.api.MediaReceiver;
import dev.siprec.media.api.MediaService;
import dev.siprec.media.api.StreamQualityListener;
import dev.siprec.media.api.StreamStatistics;
import dev.siprec.media.internal.rtp.MediaClock;
import dev.siprec.sdp.api.Codec;
import dev.siprec.srtp.api.SrtpEngine;

/**
 * The {@link MediaService} component, configuration PID {@value MediaService#PID}. The SRTP engine is
 * optional and dynamic: plain RTP works without it, and a stream asking for SRTP while it is missing
 * is refused with a clear error. A configuration change applies to later allocations without dropping
 * the streams in progress.
 */
@Component(service = MediaService.class, configurationPid = MediaService.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = MediaConfig.class)
public final class MediaServiceImpl implements MediaService {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SrtpEngine srtpEngine;

    private final MediaEngine engine;
    private final QualityListeners quality = new QualityListeners();

    @Activate
    public MediaServiceImpl(MediaConfig config) {
        this.engine = new MediaEngine(MediaSettings.from(config), MediaClock.system(), () -> srtpEngine, quality);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addQualityListener(StreamQualityListener listener) {
        quality.add(listener);
    }

    void removeQualityListener(StreamQualityListener listener) {
        quality.remove(listener);
    }

    @Modified
    void modified(MediaConfig config) {
        engine.reconfigure(MediaSettings.from(config));
    }

    @Deactivate
    void deactivate() {
        engine.close();
    }

    @Override
    public MediaReceiver allocate(String sessionId, String streamKey, boolean rtcpMux) throws MediaException {
        return engine.allocate(sessionId, streamKey, rtcpMux);
    }

    @Override
    public List<StreamStatistics> receivers() {
        return engine.receivers();
    }

    @Override
    public int freePorts() {
        return engine.freePorts();
    }

    @Override
    public int outputSampleRate(List<Codec> codecs) {
        return engine.outputSampleRate(codecs);
    }
}
