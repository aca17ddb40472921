package io.hatidata.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Service trackers for provider types, each opened on its first use (never while the owning component
 * activates) and closed with it. Without a bundle context every type has no providers.
 */
final class ProviderTrackers {
    private final BundleContext context;
    private final Map<Class<?>, ServiceTracker<?, ?>> trackers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    ProviderTrackers(BundleContext context) {
        this.context = context;
    }

    /** The registered services of this type, highest service ranking first. */
    <T> List<T> all(Class<T> type) {
        if (context == null || closed) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        ServiceTracker<T, T> tracker = (ServiceTracker<T, T>) trackers.computeIfAbsent(type, key -> {
            ServiceTracker<T, T> created = new ServiceTracker<>(context, type, null);
            created.open();
            return created;
        });
        SortedMap<ServiceReference<T>, T> tracked = tracker.getTracked();
        List<T> result = new ArrayList<>(tracked.size());
        for (T each : tracked.values()) {
            result.add(0, each); // the map ascends by ranking
        }
        return result;
    }

    void close() {
        closed = true;
        trackers.values().forEach(ServiceTracker::close);
        trackers.clear();
    }
}
