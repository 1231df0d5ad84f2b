package dev.laurel.server.http;

import dev.laurel.engine.Rejection;
import dev.laurel.engine.Scope;
import dev.laurel.server.auth.Caller;
import io.javalin.http.Context;

/** What the filters attach to a request: the caller and the resolved scope. */
public final class Requests {
  static final String CALLER = "laurel.caller";
  static final String SCOPE = "laurel.scope";

  private Requests() {}

  public static Caller caller(Context ctx) {
    return ctx.attribute(CALLER);
  }

  public static Scope scope(Context ctx) {
    return ctx.attribute(SCOPE);
  }

  /**
   * AUTH-7: with an application key, every subject user of the request must be the key's user.
   */
  public static void checkSubject(Context ctx, String userId) {
    Caller caller = caller(ctx);
    if (caller.isApplicationKey() && !caller.boundUserId().equals(userId)) {
      throw Rejection.forbidden("This API key is not authorised for user " + userId);
    }
  }
}
