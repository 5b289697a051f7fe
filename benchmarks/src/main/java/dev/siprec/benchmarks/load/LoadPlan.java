package dev.siprec.benchmarks.load;

/**
 * What to run: {@code calls} SIPREC calls placed at {@code rate} per second, each streaming for
 * {@code callSeconds} (the ramp plus the hold: every call is up during the hold), on {@code pacers}
 * sending threads.
 */
record LoadPlan(int calls, double rate, int holdSeconds, String codec, String serverHost, int serverPort,
                String localHost, int pacers) {
    LoadPlan {
        if (calls < 1 || rate <= 0 || holdSeconds < 1 || pacers < 1 || pacers > 8) {
            throw new IllegalArgumentException("calls >= 1, rate > 0, hold >= 1 s, 1..8 pacers");
        }
    }

    /** Seconds each call streams: the ramp (calls / rate) plus the hold. */
    int callSeconds() {
        return (int) Math.ceil(calls / rate) + holdSeconds;
    }
}
