/*
 * Test peer: sends one G.711 (PCMU) tone stream as RTP or SRTP (protected by libsrtp2) to a host
 * and port, paced at 20 ms, with RTCP sender reports on port+1 (or the same port with rtcp-mux).
 * Keys come from the recording client's own SDP offer: the base64 inline key of a=crypto.
 *
 * usage: rtp_sender HOST PORT TONE_HZ DURATION_MS SSRC [SUITE BASE64_KEY_SALT] [--rtcp-mux] [--seq N] [--ts N] [--bind PORT]
 *   --bind PORT: send from this local UDP port (the one a DTLS-SRTP handshake ran on, RFC 5764 §5.1.2)
 *   SUITE: AES_CM_128_HMAC_SHA1_80 | AES_CM_128_HMAC_SHA1_32 | AES_256_CM_HMAC_SHA1_80 |
 *          AES_256_CM_HMAC_SHA1_32 | AES_192_CM_HMAC_SHA1_80 | AES_192_CM_HMAC_SHA1_32 |
 *          AEAD_AES_128_GCM | AEAD_AES_256_GCM | NULL_HMAC_SHA1_80 | NULL_HMAC_SHA1_32 (libsrtp policy set
 *          by hand: NULL cipher, 4-byte SRTP tag, SRTCP as NULL_HMAC_SHA1_80) | NONE
 * Prints "sent N packets" on success.
 */
#include <arpa/inet.h>
#include <math.h>
#include <netdb.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <srtp2/srtp.h>

static int b64val(int c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}

static int b64decode(const char *in, unsigned char *out, int max) {
    int n = 0, bits = 0, acc = 0;
    for (; *in && *in != '|'; in++) {
        int v = b64val(*in);
        if (v < 0) continue;
        acc = (acc << 6) | v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (n >= max) return -1;
            out[n++] = (unsigned char) (acc >> bits) & 0xff;
        }
    }
    return n;
}

static unsigned char linear2ulaw(int pcm) {
    const int BIAS = 0x84, CLIP = 32635;
    int sign = (pcm >> 8) & 0x80;
    if (sign) pcm = -pcm;
    if (pcm > CLIP) pcm = CLIP;
    pcm += BIAS;
    int exponent = 7;
    for (int mask = 0x4000; (pcm & mask) == 0 && exponent > 0; mask >>= 1) exponent--;
    int mantissa = (pcm >> (exponent + 3)) & 0x0f;
    return (unsigned char) ~(sign | (exponent << 4) | mantissa);
}

static int set_suite(const char *name, srtp_crypto_policy_t *p, srtp_crypto_policy_t *rtcp) {
    if (!strcmp(name, "AES_CM_128_HMAC_SHA1_80")) { srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(p); srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp); }
    else if (!strcmp(name, "AES_CM_128_HMAC_SHA1_32")) { srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(p); srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(rtcp); }
    else if (!strcmp(name, "AES_256_CM_HMAC_SHA1_80")) { srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(p); srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp); }
    else if (!strcmp(name, "AES_256_CM_HMAC_SHA1_32")) { srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32(p); srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(rtcp); }
    else if (!strcmp(name, "AES_192_CM_HMAC_SHA1_80")) { srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(p); srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtcp); }
    else if (!strcmp(name, "AES_192_CM_HMAC_SHA1_32")) { srtp_crypto_policy_set_aes_cm_192_hmac_sha1_32(p); srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(rtcp); }
    else if (!strcmp(name, "AEAD_AES_128_GCM")) { srtp_crypto_policy_set_aes_gcm_128_16_auth(p); srtp_crypto_policy_set_aes_gcm_128_16_auth(rtcp); }
    else if (!strcmp(name, "AEAD_AES_256_GCM")) { srtp_crypto_policy_set_aes_gcm_256_16_auth(p); srtp_crypto_policy_set_aes_gcm_256_16_auth(rtcp); }
    else if (!strcmp(name, "NULL_HMAC_SHA1_80")) { srtp_crypto_policy_set_null_cipher_hmac_sha1_80(p); srtp_crypto_policy_set_null_cipher_hmac_sha1_80(rtcp); }
    else if (!strcmp(name, "NULL_HMAC_SHA1_32")) { srtp_crypto_policy_set_null_cipher_hmac_sha1_80(p); p->auth_tag_len = 4; srtp_crypto_policy_set_null_cipher_hmac_sha1_80(rtcp); }
    else return -1;
    return 0;
}

static void put32(unsigned char *b, uint32_t v) { b[0] = v >> 24; b[1] = v >> 16; b[2] = v >> 8; b[3] = v; }

int main(int argc, char **argv) {
    if (argc < 6) {
        fprintf(stderr, "usage: %s HOST PORT TONE_HZ DURATION_MS SSRC [SUITE KEY] [--rtcp-mux] [--seq N] [--ts N]\n", argv[0]);
        return 2;
    }
    const char *host = argv[1];
    int port = atoi(argv[2]);
    double hz = atof(argv[3]);
    int duration = atoi(argv[4]);
    uint32_t ssrc = (uint32_t) strtoul(argv[5], NULL, 10);
    const char *suite = "NONE", *key64 = NULL;
    int mux = 0, argi = 6, bind_port = 0;
    uint16_t seq = 1000;
    uint32_t ts = 160000;
    if (argc > 7 && argv[6][0] != '-') { suite = argv[6]; key64 = argv[7]; argi = 8; }
    for (; argi < argc; argi++) {
        if (!strcmp(argv[argi], "--rtcp-mux")) mux = 1;
        else if (!strcmp(argv[argi], "--seq") && argi + 1 < argc) seq = (uint16_t) atoi(argv[++argi]);
        else if (!strcmp(argv[argi], "--ts") && argi + 1 < argc) ts = (uint32_t) strtoul(argv[++argi], NULL, 10);
        else if (!strcmp(argv[argi], "--bind") && argi + 1 < argc) bind_port = atoi(argv[++argi]);
    }

    srtp_t session = NULL;
    if (strcmp(suite, "NONE") != 0) {
        if (srtp_init() != srtp_err_status_ok) { fprintf(stderr, "srtp_init failed\n"); return 1; }
        srtp_policy_t policy;
        memset(&policy, 0, sizeof policy);
        if (set_suite(suite, &policy.rtp, &policy.rtcp) != 0) { fprintf(stderr, "unknown suite %s\n", suite); return 2; }
        static unsigned char key[64];
        int n = b64decode(key64, key, sizeof key);
        if (n <= 0) { fprintf(stderr, "bad key\n"); return 2; }
        policy.key = key;
        policy.ssrc.type = ssrc_specific;
        policy.ssrc.value = ssrc;
        policy.window_size = 1024;
        policy.allow_repeat_tx = 0;
        srtp_err_status_t st = srtp_create(&session, &policy);
        if (st != srtp_err_status_ok) { fprintf(stderr, "srtp_create failed: %d (key %d bytes)\n", st, n); return 1; }
    }

    struct addrinfo hints = {0}, *ai;
    hints.ai_socktype = SOCK_DGRAM;
    char portstr[16];
    snprintf(portstr, sizeof portstr, "%d", port);
    if (getaddrinfo(host, portstr, &hints, &ai) != 0) { fprintf(stderr, "bad host\n"); return 2; }
    int fd = socket(ai->ai_family, SOCK_DGRAM, 0);
    if (bind_port > 0) {
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        struct sockaddr_storage local;
        memset(&local, 0, sizeof local);
        socklen_t local_len;
        if (ai->ai_family == AF_INET) {
            struct sockaddr_in *l4 = (struct sockaddr_in *) &local;
            l4->sin_family = AF_INET;
            l4->sin_addr.s_addr = htonl(INADDR_ANY);
            l4->sin_port = htons(bind_port);
            local_len = sizeof *l4;
        } else {
            struct sockaddr_in6 *l6 = (struct sockaddr_in6 *) &local;
            l6->sin6_family = AF_INET6;
            l6->sin6_addr = in6addr_any;
            l6->sin6_port = htons(bind_port);
            local_len = sizeof *l6;
        }
        if (bind(fd, (struct sockaddr *) &local, local_len) != 0) { perror("bind"); return 1; }
    }
    struct sockaddr_storage rtcp_addr;
    memcpy(&rtcp_addr, ai->ai_addr, ai->ai_addrlen);
    if (!mux) {
        if (ai->ai_family == AF_INET) ((struct sockaddr_in *) &rtcp_addr)->sin_port = htons(port + 1);
        else ((struct sockaddr_in6 *) &rtcp_addr)->sin6_port = htons(port + 1);
    }

    unsigned char pkt[512];
    int packets = duration / 20;
    uint32_t rtcp_index = 0;
    struct timespec next;
    clock_gettime(CLOCK_MONOTONIC, &next);
    struct timeval first_tv, last_tv;
    gettimeofday(&first_tv, NULL);
    long sample = 0;
    for (int i = 0; i < packets; i++) {
        pkt[0] = 0x80;
        pkt[1] = (i == 0 ? 0x80 : 0x00) | 0; /* marker on first, PT 0 = PCMU */
        pkt[2] = seq >> 8; pkt[3] = seq & 0xff;
        put32(pkt + 4, ts);
        put32(pkt + 8, ssrc);
        for (int k = 0; k < 160; k++, sample++) {
            pkt[12 + k] = linear2ulaw((int) (8000.0 * sin(2.0 * M_PI * hz * sample / 8000.0)));
        }
        int len = 172;
        if (session && srtp_protect(session, pkt, &len) != srtp_err_status_ok) { fprintf(stderr, "protect failed\n"); return 1; }
        sendto(fd, pkt, len, 0, ai->ai_addr, ai->ai_addrlen);

        if (i % 50 == 0) { /* RTCP SR every second, RFC 3550 §6.4.1 */
            unsigned char r[128];
            struct timeval tv;
            gettimeofday(&tv, NULL);
            uint32_t ntp_sec = (uint32_t) tv.tv_sec + 2208988800u;
            uint32_t ntp_frac = (uint32_t) ((double) tv.tv_usec * 4294.967296);
            r[0] = 0x80; r[1] = 200; r[2] = 0; r[3] = 6;
            put32(r + 4, ssrc); put32(r + 8, ntp_sec); put32(r + 12, ntp_frac); put32(r + 16, ts);
            put32(r + 20, (uint32_t) i); put32(r + 24, (uint32_t) i * 160);
            int rlen = 28;
            if (session && srtp_protect_rtcp(session, r, &rlen) != srtp_err_status_ok) { fprintf(stderr, "protect rtcp failed\n"); return 1; }
            sendto(fd, r, rlen, 0, (struct sockaddr *) &rtcp_addr, ai->ai_addrlen);
            rtcp_index++;
        }
        seq++;
        ts += 160;
        next.tv_nsec += 20000000;
        if (next.tv_nsec >= 1000000000) { next.tv_nsec -= 1000000000; next.tv_sec++; }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
    }
    gettimeofday(&last_tv, NULL);
    /* wall-clock times let a failing test tell a sender that started late from a server that lost audio */
    printf("sent %d packets from %lld to %lld ms since the epoch\n", packets,
           (long long) first_tv.tv_sec * 1000 + first_tv.tv_usec / 1000, (long long) last_tv.tv_sec * 1000 + last_tv.tv_usec / 1000);
    if (session) srtp_dealloc(session);
    close(fd);
    freeaddrinfo(ai);
    return 0;
}
