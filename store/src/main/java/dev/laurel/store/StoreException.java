package dev.laurel.store;

/** A storage fault that is not the client's doing (database unreachable, I/O error): a 5xx. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
