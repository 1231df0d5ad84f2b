package dev.laurel.server.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.laurel.engine.Decimals;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON conventions of both APIs (GEN-2, GEN-7, GEN-8): timestamps in UTC with milliseconds,
 * dates as {@code YYYY-MM-DD}, decimals in their shortest plain form.
 */
public final class Wire {
  public static final ObjectMapper MAPPER =
      JsonMapper.builder(dev.laurel.store.JsonBuffers.factory())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .build();

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Wire() {}

  public static String timestamp(Instant instant) {
    return instant == null ? null : TIMESTAMP.format(instant);
  }

  public static String date(LocalDate date) {
    return date == null ? null : date.toString();
  }

  /** A decimal as a JSON number: integers without fraction, others shortest (GEN-8). */
  public static BigDecimal number(BigDecimal value) {
    return Decimals.normalize(value);
  }

  private static final String SENT = "laurel.sent";

  /** Whether {@link #send} has answered this request. */
  public static boolean sent(Context ctx) {
    return ctx.attribute(SENT) != null;
  }

  /**
   * Answers with {@code value} as JSON. Its bytes go to the response's stream in one write, so
   * that the compression threshold sees the whole length: {@code ctx.json} made a String of them,
   * then a byte array, and Javalin copied that through a new buffer (issue 8: about a seventh of
   * an event's garbage).
   */
  public static void send(Context ctx, Object value) {
    ctx.attribute(SENT, Boolean.TRUE);
    ctx.contentType(ContentType.APPLICATION_JSON);
    try {
      ctx.outputStream().write(MAPPER.writeValueAsBytes(value));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An ordered JSON object builder; {@code null} values are emitted as JSON null. */
  public static Obj obj() {
    return new Obj();
  }

  /** Ordered map with a fluent put, for building response objects field by field. */
  public static final class Obj extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;

    public Obj with(String key, Object value) {
      put(key, value);
      return this;
    }

    /** Puts the value only when it is not null (for optional, non-nullable fields, GEN-4). */
    public Obj withOptional(String key, Object value) {
      if (value != null) {
        put(key, value);
      }
      return this;
    }

    public Obj withAll(Map<String, ?> other) {
      putAll(other);
      return this;
    }
  }
}
