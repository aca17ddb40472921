package io.hatidata.api.provisioning;

import io.hatidata.api.controlplane.Caller;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Warehouse shadow mode (SPEC §2.8.3): while a run is active for an environment, each of its statements
 * runs on the existing warehouse (the source), whose result the caller receives, and on HatiData, whose
 * result is only compared. Owners and admins of the environment's organization; other organizations'
 * environments are {@code NOT_FOUND}. Runs live in the memory of this node (the source password is never
 * stored): a restart stops them.
 */
@ProviderType
public interface ShadowService {

    /** Starts a run (one per environment: {@code CONFLICT} while one runs); checks the source connects. */
    ShadowStatus start(Caller caller, String environmentId, ShadowSource source, ShadowSettings settings);

    /** The current or last run ({@code NOT_FOUND} when there was none since this node started). */
    ShadowStatus status(Caller caller, String environmentId);

    /** The mismatches kept for the current or last run, oldest first, at most {@code limit} from {@code offset}. */
    List<ShadowMismatch> mismatches(Caller caller, String environmentId, int offset, int limit);

    /** Stops the run; the counters and mismatches stay readable. */
    ShadowStatus stop(Caller caller, String environmentId);
}
