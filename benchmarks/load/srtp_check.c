/*
 * Independent check of the load generator's SRTP sender against libsrtp2:
 * reads "key <60 hex>" then "pkt <hex>" lines (from dev.siprec.benchmarks.load.SrtpDump), unprotects
 * every packet with AES_CM_128_HMAC_SHA1_80 and prints how many were accepted. Exit 0 only if all were.
 *   gcc -O2 -o srtp_check srtp_check.c $(pkg-config --cflags --libs libsrtp2)
 */
#include <srtp2/srtp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int unhex(const char *s, unsigned char *out, int max) {
    int n = 0;
    while (s[0] && s[1] && s[0] != '\n' && n < max) {
        unsigned int b;
        if (sscanf(s, "%2x", &b) != 1) return -1;
        out[n++] = (unsigned char)b;
        s += 2;
    }
    return n;
}

int main(void) {
    static char line[8192];
    unsigned char key[30], pkt[2048];
    srtp_t session = NULL;
    long ok = 0, bad = 0;
    if (srtp_init() != srtp_err_status_ok) { fprintf(stderr, "srtp_init failed\n"); return 2; }
    while (fgets(line, sizeof line, stdin)) {
        if (strncmp(line, "key ", 4) == 0) {
            if (unhex(line + 4, key, sizeof key) != 30) { fprintf(stderr, "bad key line\n"); return 2; }
            srtp_policy_t policy;
            memset(&policy, 0, sizeof policy);
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
            srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
            policy.ssrc.type = ssrc_any_inbound;
            policy.key = key;
            policy.window_size = 128;
            if (srtp_create(&session, &policy) != srtp_err_status_ok) { fprintf(stderr, "srtp_create failed\n"); return 2; }
            memset(key, 0, sizeof key);
        } else if (strncmp(line, "pkt ", 4) == 0 && session) {
            int len = unhex(line + 4, pkt, sizeof pkt);
            srtp_err_status_t st = srtp_unprotect(session, pkt, &len);
            if (st == srtp_err_status_ok && len == 172) ok++; else { bad++; if (bad < 5) fprintf(stderr, "packet %ld: status %d\n", ok + bad, st); }
        }
    }
    printf("libsrtp unprotect: %ld accepted, %ld refused\n", ok, bad);
    if (session) srtp_dealloc(session);
    return bad == 0 && ok > 0 ? 0 : 1;
}
