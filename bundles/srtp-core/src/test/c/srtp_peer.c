/*
 * A libsrtp2 peer for the engine's interop tests and benchmark. Test code only.
 *
 *   srtp_peer <suite> <master key||salt, hex> [<mki hex> <master2 hex> <mki2 hex>]
 *       Reads commands from stdin, one per line, answers one line each:
 *         P <rtp hex>     protect RTP (outbound session)    -> "OK <hex>" | "ERR <status>"
 *         U <srtp hex>    unprotect SRTP (inbound session)  -> "OK <hex>" | "ERR <status>"
 *         PC <rtcp hex>   protect RTCP                       -> likewise
 *         UC <srtcp hex>  unprotect SRTCP                    -> likewise
 *         K <index>       protect with master key <index> (MKI mode only) from now on
 *         R <ssrc> <roc>  set the outbound rollover counter of an SSRC already sent
 *       With MKI arguments the sessions carry two master keys and use MKI on the wire.
 *   srtp_peer bench <suite> <packets>
 *       Times srtp_unprotect, copy included, on <packets> 172-byte packets from a ring of 4096
 *       (the loop of SrtpBenchmark.unprotect) after a warm-up; prints "ns_per_packet <n>".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <srtp2/srtp.h>

#define MAX_PACKET 4096
#define MAX_LINE (2 * MAX_PACKET + 64)

static int set_suite(const char *name, srtp_policy_t *p, int *key_len) {
    if (strcmp(name, "AES_CM_128_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&p->rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&p->rtcp);
        *key_len = 30;
    } else if (strcmp(name, "AES_CM_128_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&p->rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&p->rtcp);
        *key_len = 30;
    } else if (strcmp(name, "AES_192_CM_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(&p->rtp);
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(&p->rtcp);
        *key_len = 38;
    } else if (strcmp(name, "AES_192_CM_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_32(&p->rtp);
        srtp_crypto_policy_set_aes_cm_192_hmac_sha1_80(&p->rtcp);
        *key_len = 38;
    } else if (strcmp(name, "AES_256_CM_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(&p->rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(&p->rtcp);
        *key_len = 46;
    } else if (strcmp(name, "AES_256_CM_HMAC_SHA1_32") == 0) {
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_32(&p->rtp);
        srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80(&p->rtcp);
        *key_len = 46;
    } else if (strcmp(name, "AEAD_AES_128_GCM") == 0) {
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&p->rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&p->rtcp);
        *key_len = 28;
    } else if (strcmp(name, "AEAD_AES_256_GCM") == 0) {
        srtp_crypto_policy_set_aes_gcm_256_16_auth(&p->rtp);
        srtp_crypto_policy_set_aes_gcm_256_16_auth(&p->rtcp);
        *key_len = 44;
    } else if (strcmp(name, "NULL_HMAC_SHA1_80") == 0) {
        srtp_crypto_policy_set_null_cipher_hmac_sha1_80(&p->rtp);
        srtp_crypto_policy_set_null_cipher_hmac_sha1_80(&p->rtcp);
        *key_len = 30;
    } else {
        return -1;
    }
    return 0;
}

static int unhex(const char *s, uint8_t *out, int max) {
    int n = 0;
    while (s[0] && s[1] && s[0] != '\n' && s[0] != ' ') {
        unsigned v;
        if (n >= max || sscanf(s, "%2x", &v) != 1) {
            return -1;
        }
        out[n++] = (uint8_t)v;
        s += 2;
    }
    return n;
}

static void reply(srtp_err_status_t st, const uint8_t *buf, int len) {
    if (st != srtp_err_status_ok) {
        printf("ERR %d\n", (int)st);
    } else {
        printf("OK ");
        for (int i = 0; i < len; i++) {
            printf("%02x", buf[i]);
        }
        printf("\n");
    }
    fflush(stdout);
}

static srtp_t make_session(const char *suite, uint8_t *key, srtp_master_key_t **keys, int nkeys, int inbound) {
    srtp_policy_t p;
    int key_len;
    memset(&p, 0, sizeof p);
    if (set_suite(suite, &p, &key_len) != 0) {
        fprintf(stderr, "unknown suite %s\n", suite);
        exit(2);
    }
    p.ssrc.type = inbound ? ssrc_any_inbound : ssrc_any_outbound;
    if (nkeys > 0) {
        p.keys = keys;
        p.num_master_keys = nkeys;
    } else {
        p.key = key;
    }
    p.window_size = 1024;
    p.allow_repeat_tx = 0;
    srtp_t s;
    srtp_err_status_t st = srtp_create(&s, &p);
    if (st != srtp_err_status_ok) {
        fprintf(stderr, "srtp_create failed: %d\n", (int)st);
        exit(2);
    }
    return s;
}

/*
 * The loop of SrtpBenchmark.unprotect: the same key (bytes i*13+5), the same ring of 4096 packets
 * (172 bytes, SSRC 0x12345678, SEQ from 63488 through the 65535 wrap, payload bytes i+j), each
 * copied into a working buffer before srtp_unprotect, the receiver re-created every 4096 packets.
 */
#define BENCH_RING 4096

static int bench(const char *suite, int count) {
    uint8_t key[46];
    for (int i = 0; i < (int)sizeof key; i++) {
        key[i] = (uint8_t)(i * 13 + 5);
    }
    srtp_t tx = make_session(suite, key, NULL, 0, 0);
    uint8_t *pkts = malloc((size_t)BENCH_RING * 256);
    int lens[BENCH_RING];
    for (int i = 0; i < BENCH_RING; i++) {
        uint8_t *b = pkts + (size_t)i * 256;
        int seq = (65536 - BENCH_RING / 2 + i) & 0xffff;
        uint32_t ts = (uint32_t)seq * 160;
        b[0] = 0x80; b[1] = 0x00; b[2] = (uint8_t)(seq >> 8); b[3] = (uint8_t)seq;
        b[4] = (uint8_t)(ts >> 24); b[5] = (uint8_t)(ts >> 16); b[6] = (uint8_t)(ts >> 8); b[7] = (uint8_t)ts;
        b[8] = 0x12; b[9] = 0x34; b[10] = 0x56; b[11] = 0x78;
        for (int j = 12; j < 172; j++) {
            b[j] = (uint8_t)(i + j);
        }
        lens[i] = 172;
        if (srtp_protect(tx, b, &lens[i]) != srtp_err_status_ok) {
            fprintf(stderr, "protect failed\n");
            return 2;
        }
    }
    uint8_t work[256];
    double ns = 0;
    for (int round = 0; round < 2; round++) {
        int n = round == 0 ? count / 4 : count;
        srtp_t rx = make_session(suite, key, NULL, 0, 1);
        int next = 0;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        for (int i = 0; i < n; i++) {
            if (next == BENCH_RING) {
                srtp_dealloc(rx);
                rx = make_session(suite, key, NULL, 0, 1);
                next = 0;
            }
            int len = lens[next];
            memcpy(work, pkts + (size_t)next * 256, (size_t)len);
            next++;
            if (srtp_unprotect(rx, work, &len) != srtp_err_status_ok) {
                fprintf(stderr, "unprotect failed at %d\n", i);
                return 2;
            }
        }
        clock_gettime(CLOCK_MONOTONIC, &t1);
        srtp_dealloc(rx);
        ns = (t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec);
    }
    printf("ns_per_packet %.1f\n", ns / count);
    return 0;
}

int main(int argc, char **argv) {
    if (srtp_init() != srtp_err_status_ok) {
        fprintf(stderr, "srtp_init failed\n");
        return 2;
    }
    if (argc == 4 && strcmp(argv[1], "bench") == 0) {
        return bench(argv[2], atoi(argv[3]));
    }
    if (argc != 3 && argc != 6) {
        fprintf(stderr, "usage: srtp_peer <suite> <key hex> [<mki hex> <key2 hex> <mki2 hex>]\n");
        return 2;
    }
    uint8_t key1[64], key2[64], mki1[128], mki2[128];
    if (unhex(argv[2], key1, sizeof key1) < 0) {
        return 2;
    }
    srtp_master_key_t mk1, mk2;
    srtp_master_key_t *keys[2] = {&mk1, &mk2};
    int nkeys = 0;
    if (argc == 6) {
        int m1 = unhex(argv[3], mki1, sizeof mki1);
        int m2 = unhex(argv[5], mki2, sizeof mki2);
        if (m1 <= 0 || m2 != m1 || unhex(argv[4], key2, sizeof key2) < 0) {
            return 2;
        }
        mk1.key = key1; mk1.mki_id = mki1; mk1.mki_size = (unsigned)m1;
        mk2.key = key2; mk2.mki_id = mki2; mk2.mki_size = (unsigned)m2;
        nkeys = 2;
    }
    srtp_t tx = make_session(argv[1], key1, keys, nkeys, 0);
    srtp_t rx = make_session(argv[1], key1, keys, nkeys, 1);
    unsigned int key_index = 0;
    static char line[MAX_LINE];
    static uint8_t buf[MAX_PACKET + SRTP_MAX_TRAILER_LEN];
    while (fgets(line, sizeof line, stdin)) {
        char cmd[4] = {0};
        if (sscanf(line, "%3s", cmd) != 1) {
            continue;
        }
        const char *arg = strchr(line, ' ');
        arg = arg ? arg + 1 : "";
        if (strcmp(cmd, "K") == 0) {
            key_index = (unsigned)atoi(arg);
            printf("OK\n");
            fflush(stdout);
            continue;
        }
        if (strcmp(cmd, "R") == 0) {
            unsigned long ssrc, roc;
            if (sscanf(arg, "%lu %lu", &ssrc, &roc) != 2) {
                printf("ERR bad\n");
            } else {
                srtp_err_status_t st = srtp_set_stream_roc(tx, (uint32_t)ssrc, (uint32_t)roc);
                reply(st, buf, 0);
            }
            fflush(stdout);
            continue;
        }
        int len = unhex(arg, buf, MAX_PACKET);
        if (len < 0) {
            printf("ERR bad\n");
            fflush(stdout);
            continue;
        }
        srtp_err_status_t st;
        int mki = nkeys > 0;
        if (strcmp(cmd, "P") == 0) {
            st = srtp_protect_mki(tx, buf, &len, mki, key_index);
        } else if (strcmp(cmd, "U") == 0) {
            st = srtp_unprotect_mki(rx, buf, &len, mki);
        } else if (strcmp(cmd, "PC") == 0) {
            st = srtp_protect_rtcp_mki(tx, buf, &len, mki, key_index);
        } else if (strcmp(cmd, "UC") == 0) {
            st = srtp_unprotect_rtcp_mki(rx, buf, &len, mki);
        } else {
            printf("ERR command\n");
            fflush(stdout);
            continue;
        }
        reply(st, buf, len);
    }
    srtp_dealloc(tx);
    srtp_dealloc(rx);
    return 0;
}
