package dev.laurel.server.admin;

import dev.laurel.engine.ScopeConfig;

/**
 * A check that a configuration object other configuration still references may not be deleted
 * (METRIC-5, ATTR-5): the issue message (e.g. {@code "Metric is in use by points trigger <id>"}),
 * or null when the object is free. Features register theirs with the admin of the referenced kind.
 */
@FunctionalInterface
public interface InUse {
  String usedBy(ScopeConfig config, String id);
}
