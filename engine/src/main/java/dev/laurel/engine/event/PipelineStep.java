package dev.laurel.engine.event;

/**
 * One step of EVENT-4's pipeline. Steps run in order on one user's state; the caller commits the
 * outcome of all of them in one transaction. Feature packages provide their own steps.
 */
public interface PipelineStep {
  void apply(EventContext ctx);
}
