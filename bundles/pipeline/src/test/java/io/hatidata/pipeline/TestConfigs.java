package io.hatidata.pipeline;

import java.lang.annotation.Annotation;

/** Admission configurations for tests. */
final class TestConfigs {
    private TestConfigs() {}

    static AdmissionConfig admission(int executing, int queued, int fullScans, long timeoutMs) {
        return new AdmissionConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return AdmissionConfig.class;
            }

            @Override
            public int maxConcurrentQueries() {
                return executing;
            }

            @Override
            public int maxQueuedQueries() {
                return queued;
            }

            @Override
            public int maxConcurrentFullScans() {
                return fullScans;
            }

            @Override
            public long queueTimeoutMs() {
                return timeoutMs;
            }
        };
    }
}
