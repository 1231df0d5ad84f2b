package dev.laurel.engine.achievement;

/**
 * An achievement completed by a request, with its definition as it was when it completed: what
 * EventResponse.achievements, the completion response and achievement triggers (TRIG-9) report.
 */
public record CompletedAchievement(Achievement achievement, Completion completion) {}
