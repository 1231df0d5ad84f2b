package dev.laurel.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;

/**
 * Issue 8: every JSON mapper of the server takes its working buffers from one bounded pool shared
 * by all threads. Jackson's default keeps them per thread, and requests run on virtual threads that
 * live for one request, so each request allocated fresh buffers (tens of KiB of garbage per event).
 */
public final class JsonBuffers {
  private JsonBuffers() {}

  /** A JSON factory whose buffers come from the shared bounded pool. */
  public static JsonFactory factory() {
    return JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build();
  }
}
