package dev.laurel.server.auth;

import dev.laurel.server.http.ApiError;
import dev.laurel.store.ApiKeyRecord;
import dev.laurel.store.KeyRepository;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Key generation and verification (AUTH-1, AUTH-3..AUTH-5): only a keyed hash (HMAC-SHA256 with
 * an installation secret) of a key's body is stored, lookup is by prefix and the comparison runs
 * in constant time.
 */
public final class ApiKeys {
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String LOWER36 = "0123456789abcdefghijklmnopqrstuvwxyz";
  private static final Pattern ADMIN_PREFIX = Pattern.compile("[a-z0-9]{8}");
  private static final Pattern BODY = Pattern.compile("[A-Za-z0-9]{32,}");
  private static final int BODY_LENGTH = 40;

  private final KeyRepository keys;
  private final Mac keyedMac;
  private final InstantSource clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> lastRecorded = new ConcurrentHashMap<>();
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  /**
   * How long a key read from the store is trusted without reading it again: a revocation or
   * deletion made on this node is seen at once ({@link #forget()}), one made by another process
   * (another node, the {@code laurel keys} command) within this time.
   */
  static final long KNOWN_FOR_NANOS = 1_000_000_000L;

  private static final int MAX_KNOWN = 10_000;

  private record Known(ApiKeyRecord key, long readAt) {}

  public ApiKeys(KeyRepository keys, InstantSource clock) {
    this.keys = keys;
    this.clock = clock;
    this.keyedMac =
        keyedMac(HexFormat.of().parseHex(keys.settingOrInit("key_hash_secret", HexFormat.of().formatHex(bytes(32)))));
  }

  /** A freshly generated key: the full text is shown once, only the hash is stored. */
  public record NewKey(String prefix, String body, String hash) {
    public String full() {
      return prefix + "." + body;
    }
  }

  /** AUTH-3: an 8-character lowercase prefix that never starts with {@code app_}. */
  public NewKey newAdminKey() {
    String prefix = randomString(LOWER36, 8);
    String body = randomString(BASE62, BODY_LENGTH);
    return new NewKey(prefix, body, hash(body));
  }

  /** AUTH-4: prefix {@code app_} plus random base62 characters. */
  public NewKey newApplicationKey() {
    String prefix = "app_" + randomString(BASE62, 10);
    String body = randomString(BASE62, BODY_LENGTH);
    return new NewKey(prefix, body, hash(body));
  }

  /** Parses an admin key given in configuration (LAUREL_ADMIN_KEY); null if not well formed. */
  public static String[] parseAdminKey(String key) {
    int dot = key.indexOf('.');
    if (dot < 0) {
      return null;
    }
    String prefix = key.substring(0, dot);
    String body = key.substring(dot + 1);
    return ADMIN_PREFIX.matcher(prefix).matches() && BODY.matcher(body).matches()
        ? new String[] {prefix, body}
        : null;
  }

  /** AUTH-1: resolves an {@code X-API-KEY} header to its caller, or fails with 401. */
  public Caller authenticate(String header) {
    if (header == null) {
      throw ApiError.unauthorized();
    }
    int dot = header.indexOf('.');
    if (dot <= 0 || dot == header.length() - 1) {
      throw ApiError.unauthorized();
    }
    ApiKeyRecord key = byPrefix(header.substring(0, dot));
    if (key == null || !"active".equals(key.status())) {
      throw ApiError.unauthorized();
    }
    byte[] presented = hash(header.substring(dot + 1)).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(presented, key.hash().getBytes(StandardCharsets.US_ASCII))) {
      throw ApiError.unauthorized();
    }
    if (!key.isApplicationKey()) {
      recordUse(key.id());
    }
    return new Caller(key.envId(), key.id(), key.userId(), key.tenantId());
  }

  /** Forgets the keys read so far, after this node changed or deleted one. */
  public void forget() {
    known.clear();
  }

  /** The key with this prefix, read from the store at most once per {@link #KNOWN_FOR_NANOS}. */
  private ApiKeyRecord byPrefix(String prefix) {
    long now = System.nanoTime();
    Known cached = known.get(prefix);
    if (cached != null && now - cached.readAt() < KNOWN_FOR_NANOS) {
      return cached.key();
    }
    ApiKeyRecord key = keys.byPrefix(prefix);
    if (key == null) {
      known.remove(prefix);
      return null;
    }
    if (known.size() >= MAX_KNOWN) {
      known.clear();
    }
    known.put(prefix, new Known(key, now));
    return key;
  }

  /** AUTH-9: {@code lastUsed} is written at most once a minute per key and node. */
  private void recordUse(String keyId) {
    long now = clock.millis();
    Long previous = lastRecorded.get(keyId);
    if (previous == null || now - previous >= 60_000) {
      lastRecorded.put(keyId, now);
      keys.touchAdminKey(keyId, clock.instant());
    }
  }

  public String hash(String body) {
    try {
      Mac mac = (Mac) keyedMac.clone();
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HMAC keyed with the installation secret, cloned per use (cheaper than a new instance). */
  private static Mac keyedMac(byte[] pepper) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(pepper, "HmacSHA256"));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String randomString(String alphabet, int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
