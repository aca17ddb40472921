package io.hatidata.api.policy;

import io.hatidata.api.controlplane.Caller;
import io.hatidata.api.controlplane.Page;
import io.hatidata.api.controlplane.PageRequest;
import io.hatidata.api.identity.Identity;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Policies per environment (SPEC §2.7) and the attributes of principals that row filters use. The methods
 * taking a {@link Caller} are the REST API's: reading needs the manage-policies or view-audit-logs
 * permission, writing manage-policies; an environment of another organization is not found
 * ({@link io.hatidata.api.controlplane.ControlPlaneException}). Every write publishes a {@code policy.*}
 * event in its transaction and takes effect on the next statement.
 */
@ProviderType
public interface PolicyService {
    Policy create(Caller caller, String environmentId, PolicyChanges policy);

    List<Policy> list(Caller caller, String environmentId);

    Policy get(Caller caller, String environmentId, String policyId);

    Policy update(Caller caller, String environmentId, String policyId, PolicyChanges changes);

    void delete(Caller caller, String environmentId, String policyId);

    /** The stored attributes of a principal (a user id or a key id) in an environment. */
    Map<String, String> attributes(Caller caller, String environmentId, String principalId);

    /** Replaces the stored attributes of a principal (names: letters, digits, underscores). */
    Map<String, String> replaceAttributes(Caller caller, String environmentId, String principalId,
            Map<String, String> attributes);

    /**
     * Tries a statement against the environment's policies as the principal would run it: the policy
     * evaluators, row filters and masks that are installed, nothing executed.
     */
    PolicyEvaluation evaluate(Caller caller, String environmentId, String sql, Principal principal);

    /**
     * For enforcement: the enabled policies of an environment in {@link Policy#ENFORCE} mode (cached; refreshed
     * on every write).
     */
    List<Policy> enabledPolicies(String environmentId);

    /**
     * For shadow evaluation: the enabled policies of an environment in {@link Policy#SHADOW} mode (cached;
     * refreshed on every write). Providers evaluate them like enforced ones and hand what they would do to the
     * {@link ShadowRecorder}, without changing the statement.
     *
     * @since 1.1.0
     */
    List<Policy> shadowPolicies(String environmentId);

    /**
     * The summary of a policy's shadow decisions (read permission as for {@link #get}).
     *
     * @since 1.1.0
     */
    ShadowReport shadowReport(Caller caller, String environmentId, String policyId);

    /**
     * A policy's recorded shadow decisions, newest first (read permission as for {@link #get}).
     *
     * @param decision only this decision kind ({@link ShadowDecision#DENY}, …), or {@code null} for all
     * @since 1.1.0
     */
    Page<ShadowDecision> shadowDecisions(Caller caller, String environmentId, String policyId, String decision,
            PageRequest page);

    /**
     * For enforcement: the identity's attributes in its environment, those stored for its user overridden
     * by those stored for its key (cached; refreshed on every write).
     */
    Map<String, String> attributesOf(Identity identity);
}
