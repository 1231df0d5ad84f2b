package dev.laurel.engine;

/**
 * The one exception root for requests the server refuses because of their content. The HTTP edge
 * maps each {@link Kind} to a status in one table (ERR-2); the message is sent to the client as is,
 * so it must say what to fix.
 */
public class Rejection extends RuntimeException {

  /** Why a request was refused. */
  public enum Kind {
    /** Body or parameter of the wrong JSON shape (ERR-3): 400 where the operation declares it. */
    MALFORMED,
    /** Well-formed but invalid value or broken business rule (ERR-4): 422. */
    INVALID,
    /** A named object does not exist in the scope: 404. */
    NOT_FOUND,
    /** The caller may not do this (AUTH-6, AUTH-7, PREF-4): 403. */
    FORBIDDEN
  }

  private final Kind kind;

  public Rejection(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static Rejection malformed(String message) {
    return new Rejection(Kind.MALFORMED, message);
  }

  public static Rejection invalid(String message) {
    return new Rejection(Kind.INVALID, message);
  }

  public static Rejection notFound(String message) {
    return new Rejection(Kind.NOT_FOUND, message);
  }

  public static Rejection forbidden(String message) {
    return new Rejection(Kind.FORBIDDEN, message);
  }
}
