package io.hatidata.shadow;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.ControlPlaneException;
import io.hatidata.api.controlplane.Environment;
import io.hatidata.api.controlplane.EnvironmentService;
import io.hatidata.api.controlplane.Role;
import io.hatidata.api.provisioning.ShadowMismatch;
import io.hatidata.api.provisioning.ShadowService;
import io.hatidata.api.provisioning.ShadowSettings;
import io.hatidata.api.provisioning.ShadowSource;
import io.hatidata.api.provisioning.ShadowStatus;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shadow runs of this node, one per environment at most, in memory (the source password is never
 * written anywhere). Starting checks the caller (owner or admin of the environment's organization; an API
 * key also needs {@code orgs:manage}), the URL (one of the allowed prefixes) and that the source accepts
 * the credentials.
 */
@Component(service = {ShadowService.class, ShadowRuns.class}, configurationPid = ShadowRuns.PID)
@Designate(ocd = ShadowConfig.class)
public final class ShadowRuns implements ShadowService {
    static final String PID = "io.hatidata.shadow";
    private static final Logger LOG = LoggerFactory.getLogger(ShadowRuns.class);
    private static final int MAX_RUNS = 1000;
    private static final long MAX_DURATION_MINUTES = 7 * 24 * 60;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final EnvironmentService environments;
    private final List<String> allowedPrefixes;
    private final ShadowRun.Limits limits;
    private final Clock clock;
    private final Map<String, ShadowRun> byEnvironment = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    @Activate
    public ShadowRuns(@Reference EnvironmentService environments, ShadowConfig config) {
        this(environments, List.of(config.allowedUrlPrefixes()), new ShadowRun.Limits(
                Math.max(1, config.maxMismatchesKept()), Math.max(1, config.maxRowsKeptPerMismatch()),
                Math.max(1, config.maxRowsCompared()), Math.max(1, config.maxSourceConnections()),
                Math.max(1, config.connectTimeoutSeconds()), Math.max(0, config.sourceQueryTimeoutSeconds())),
                Clock.systemUTC());
    }

    ShadowRuns(EnvironmentService environments, List<String> allowedPrefixes, ShadowRun.Limits limits, Clock clock) {
        this.environments = environments;
        this.allowedPrefixes = List.copyOf(allowedPrefixes);
        this.limits = limits;
        this.clock = clock;
    }

    @Deactivate
    void deactivate() {
        byEnvironment.values().forEach(ShadowRun::stop);
    }

    @Override
    public ShadowStatus start(Caller caller, String environmentId, ShadowSource source, ShadowSettings settings) {
        Environment environment = authorize(caller, environmentId);
        String url = source.jdbcUrl() == null ? "" : source.jdbcUrl().trim();
        if (url.isEmpty()) {
            throw ControlPlaneException.invalid("source.jdbc_url", "required", "source.jdbc_url is required");
        }
        if (allowedPrefixes.stream().noneMatch(url::startsWith)) {
            throw ControlPlaneException.invalid("source.jdbc_url", "format",
                    "the source URL must start with one of " + allowedPrefixes);
        }
        if (!(settings.sampleRate() > 0 && settings.sampleRate() <= 1)) {
            throw ControlPlaneException.invalid("sample_rate", "range", "sample_rate must be greater than 0 and at most 1");
        }
        if (!(settings.tolerance() >= 0 && settings.tolerance() <= 1)) {
            throw ControlPlaneException.invalid("tolerance", "range", "tolerance must be between 0 and 1");
        }
        if (settings.durationMinutes() < 0 || settings.durationMinutes() > MAX_DURATION_MINUTES) {
            throw ControlPlaneException.invalid("duration_minutes", "range",
                    "duration_minutes must be between 0 (until stopped) and " + MAX_DURATION_MINUTES);
        }
        ShadowRun run = new ShadowRun(newId(), environment.organizationId(), environmentId,
                new ShadowSource(url, source.user(), source.password()), settings, limits, clock);
        try (Connection probe = run.connect()) {
            run.closed(probe);
        } catch (SQLException ex) {
            LOG.info("Shadow source {} refused a connection for {}: {} ({})", url, environmentId, ex.getMessage(),
                    ex.getSQLState());
            throw ControlPlaneException.invalid("source", "connect", "cannot connect to the source: " + ex.getMessage());
        }
        synchronized (byEnvironment) {
            ShadowRun current = byEnvironment.get(environmentId);
            if (current != null && current.running()) {
                run.stop();
                throw new ControlPlaneException(ControlPlaneException.Reason.CONFLICT,
                        "a shadow run is already active for this environment");
            }
            if (byEnvironment.size() >= MAX_RUNS) {
                byEnvironment.values().removeIf(each -> !each.running());
            }
            byEnvironment.put(environmentId, run);
        }
        LOG.info("Shadow run {} of {} started against {} (sample rate {})", run.id(), environmentId, url,
                settings.sampleRate());
        return run.status();
    }

    @Override
    public ShadowStatus status(Caller caller, String environmentId) {
        authorize(caller, environmentId);
        return existing(environmentId).status();
    }

    @Override
    public List<ShadowMismatch> mismatches(Caller caller, String environmentId, int offset, int limit) {
        authorize(caller, environmentId);
        if (offset < 0) {
            throw ControlPlaneException.invalid("offset", "range", "offset must not be negative");
        }
        if (limit < 1 || limit > 200) {
            throw ControlPlaneException.invalid("limit", "range", "limit must be between 1 and 200");
        }
        return existing(environmentId).mismatches(offset, limit);
    }

    @Override
    public ShadowStatus stop(Caller caller, String environmentId) {
        authorize(caller, environmentId);
        ShadowRun run = existing(environmentId);
        run.stop();
        return run.status();
    }

    /** The running shadow run of an environment, or {@code null}. */
    ShadowRun active(String environmentId) {
        ShadowRun run = byEnvironment.get(environmentId);
        return run != null && run.running() ? run : null;
    }

    private ShadowRun existing(String environmentId) {
        ShadowRun run = byEnvironment.get(environmentId);
        if (run == null) {
            throw ControlPlaneException.notFound("shadow run");
        }
        return run;
    }

    /** The environment, when the caller is an owner or admin of its organization (others: not found). */
    private Environment authorize(Caller caller, String environmentId) {
        Environment environment = environments.get(caller, environmentId);
        if (caller.role() != Role.OWNER && caller.role() != Role.ADMIN) {
            throw ControlPlaneException.forbidden("the role " + caller.role().json() + " may not manage shadow runs");
        }
        if (caller.method() == Caller.Method.API_KEY && !caller.scopes().contains("orgs:manage")) {
            throw ControlPlaneException.forbidden("the API key lacks the scope orgs:manage");
        }
        return environment;
    }

    private String newId() {
        StringBuilder result = new StringBuilder("shd_");
        for (int i = 0; i < 12; i++) {
            result.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return result.toString();
    }
}
