package io.hatidata.controlplane;

/** Configuration PIDs of this bundle; each has a documented {@code etc/<pid>.cfg}. */
final class ControlPlanePids {
    /** Authentication and bootstrap. */
    static final String CONTROL_PLANE = "io.hatidata.controlplane";

    private ControlPlanePids() {}
}
