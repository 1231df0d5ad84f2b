package dev.laurel.engine.event;

/** One step of EVENT-4's pipeline. Steps run in order on one user's state, in one transaction. */
interface PipelineStep {
  void apply(EventContext ctx);
}
