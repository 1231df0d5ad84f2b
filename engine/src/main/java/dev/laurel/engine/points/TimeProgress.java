package dev.laurel.engine.points;

import java.time.Instant;

/**
 * TRIG-10: how far a user's schedule for one time trigger has been settled: the activation it is
 * anchored to, the number of firings already settled, and the instant of the next one.
 */
public record TimeProgress(Instant activation, long fired, Instant nextDue) {}
