package io.hatidata.api.provisioning;

/**
 * How a shadow run compares.
 *
 * @param sampleRate the share of reading statements also run on HatiData (0 &lt; rate &le; 1); statements
 *     that may write always run on both, so the two stores stay alike
 * @param tolerance the relative difference under which two numbers count as equal (such as {@code 1e-9})
 * @param durationMinutes how long the run lasts before it stops by itself, or 0 for until stopped
 */
public record ShadowSettings(double sampleRate, double tolerance, long durationMinutes) {}
