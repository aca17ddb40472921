package io.hatidata.api.controlplane;

/** The result of a rotation: the replaced key stays valid for {@code gracePeriodHours}. */
public record RotatedApiKey(String oldKeyId, CreatedApiKey replacement, int gracePeriodHours) {}
