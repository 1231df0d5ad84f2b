/**
 * The pure gamification engine: configuration, a user's state, a command and an instant in, a new
 * state and an outcome out. Depends on the JDK only; no I/O, no threads, no wall clock.
 */
package dev.laurel.engine;
