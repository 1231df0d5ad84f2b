package dev.laurel.store;

/** An environment (CON-1, ENV-1) and its per-environment settings (CFG-7, CFG-8). */
public record Environment(
    String id, String key, String name, String type, boolean multiTenancy, double controlRatio) {}
