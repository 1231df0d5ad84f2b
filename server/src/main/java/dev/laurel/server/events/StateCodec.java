package dev.laurel.server.events;

import dev.laurel.engine.achievement.AchievementProgress;
import dev.laurel.engine.achievement.Completion;
import dev.laurel.engine.leaderboard.LeaderboardEntries;
import dev.laurel.engine.leaderboard.LeaderboardEntry;
import dev.laurel.engine.points.MetricProgress;
import dev.laurel.engine.points.PointsState;
import dev.laurel.engine.points.TimeProgress;
import dev.laurel.engine.user.Preferences;
import dev.laurel.engine.user.UserProfile;
import dev.laurel.engine.user.UserState;
import dev.laurel.engine.streak.AutoEarnAnchor;
import dev.laurel.engine.streak.DailyActivity;
import dev.laurel.engine.streak.FreezeChange;
import dev.laurel.engine.streak.FreezeLedgerEntry;
import dev.laurel.engine.streak.Frequency;
import dev.laurel.engine.streak.PeriodOutcome;
import dev.laurel.engine.streak.PeriodRecord;
import dev.laurel.engine.streak.StreakPause;
import dev.laurel.engine.streak.StreakState;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Issue 8: a user's state in a few hundred bytes, for the states a node keeps packed ({@link
 * CachedUserStates}). Packing and unpacking give back an equal state: the same fields, decimals
 * with their scale, instants to the nanosecond, leaderboard entries in their order.
 *
 * <p>Strings that repeat across users (metric, achievement, points and leaderboard ids, attribute
 * keys and values, time zones) are written as numbers of a dictionary this codec grows as it meets
 * them, up to {@value #DICTIONARY_LIMIT} strings, after which new ones are written out. The user's
 * id is not written: it is the key the packed state is kept under. Enums are written as their
 * ordinals: packed states live only in this process.
 */
final class StateCodec {
  /** Distinct strings the dictionary holds at most, whatever callers send. */
  static final int DICTIONARY_LIMIT = 1 << 16;

  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  /** Written under the codec's lock before the id is published in {@link #ids}. */
  private volatile String[] names = new String[256];
  private int size;

  byte[] pack(UserState state) {
    Out out = new Out();
    UserProfile p = state.profile();
    out.text(p.email());
    out.text(p.name());
    out.word(p.tz());
    out.list(p.deviceTokens(), out::text);
    out.raw((p.subscribeToEmails() ? 1 : 0) | (p.control() ? 2 : 0));
    out.map(p.attributes(), out::word);
    out.instant(p.created());
    out.instant(p.updated());

    Preferences prefs = state.preferences();
    out.map(prefs.notifications(), channels -> out.list(channels, out::word));
    out.raw(prefs.streakEnabled() == null ? 0 : prefs.streakEnabled() ? 2 : 1);
    out.word(prefs.streakEvaluationMode());
    if (prefs.streakMetrics() == null) {
      out.varint(0);
    } else {
      out.varint(1);
      out.list(prefs.streakMetrics(), m -> {
        out.word(m.key());
        out.decimal(m.threshold());
      });
    }

    out.map(state.totals(), out::decimal);
    AchievementProgress achievements = state.achievements();
    out.map(achievements.completions(), c -> {
      out.text(c.id());
      out.word(c.achievementId());
      out.instant(c.achievedAt());
    });
    out.map(achievements.filteredTotals(), out::decimal);

    streak(out, state.streak());

    PointsState points = state.points();
    out.map(points.totals(), out::signed);
    out.map(points.metricProgress(), m -> {
      out.signed(m.epoch());
      out.signed(m.revision());
      out.decimal(m.accumulated());
      out.decimal(m.paid());
    });
    out.map(points.timeProgress(), t -> {
      out.instant(t.activation());
      out.signed(t.fired());
      out.instant(t.nextDue());
    });

    out.map(state.leaderboards().byLeaderboard(), e -> {
      out.date(e.run());
      out.word(e.group());
      out.decimal(e.value());
      out.instant(e.reachedAt());
    });
    return out.bytes();
  }

  UserState unpack(String userId, byte[] packed) {
    return unpack(userId, packed, packed.length);
  }

  /** Same as {@link #unpack(String, byte[])} for a state packed in the first {@code length} bytes. */
  UserState unpack(String userId, byte[] packed, int length) {
    In in = new In(packed, length);
    String email = in.text();
    String name = in.text();
    String tz = in.word();
    List<String> tokens = in.list(in::text);
    int flags = in.raw();
    Map<String, String> attributes = in.map(in::word);
    UserProfile profile =
        new UserProfile(
            userId, email, name, tz, tokens, (flags & 1) != 0, attributes, (flags & 2) != 0, in.instant(), in.instant());

    Map<String, List<String>> notifications = in.map(() -> in.list(in::word));
    int enabled = in.raw();
    String mode = in.word();
    List<Preferences.StreakMetricPreference> streakMetrics =
        in.varint() == 0 ? null : in.list(() -> new Preferences.StreakMetricPreference(in.word(), in.decimal()));
    Preferences preferences =
        new Preferences(notifications, enabled == 0 ? null : enabled == 2, mode, streakMetrics);

    Map<String, BigDecimal> totals = in.map(in::decimal);
    Map<String, Completion> completions = in.map(() -> new Completion(in.text(), in.word(), in.instant()));
    AchievementProgress achievements = new AchievementProgress(completions, in.map(in::decimal));

    StreakState streak = streak(in);

    Map<String, Long> pointTotals = in.map(in::signed);
    Map<String, MetricProgress> metricProgress =
        in.map(() -> new MetricProgress(in.signed(), in.signed(), in.decimal(), in.decimal()));
    Map<String, TimeProgress> timeProgress = in.map(() -> new TimeProgress(in.instant(), in.signed(), in.instant()));
    Map<String, LeaderboardEntry> entries =
        in.map(() -> new LeaderboardEntry(in.date(), in.word(), in.decimal(), in.instant()));
    if (!in.atEnd()) {
      throw new IllegalStateException("a packed state has " + in.left() + " bytes past its end");
    }
    return new UserState(
        profile,
        preferences,
        totals,
        achievements,
        streak,
        new PointsState(pointTotals, metricProgress, timeProgress),
        new LeaderboardEntries(entries));
  }

  /** Distinct strings in the dictionary. */
  int dictionarySize() {
    return ids.size();
  }

  private static final Frequency[] FREQUENCIES = Frequency.values();
  private static final PeriodOutcome[] OUTCOMES = PeriodOutcome.values();
  private static final FreezeChange[] FREEZE_CHANGES = FreezeChange.values();

  private static void streak(Out out, StreakState s) {
    if (s == null) {
      out.raw(0);
      return;
    }
    out.raw(1);
    out.date(s.createdOn());
    out.word(s.zone());
    out.instant(s.settledAt());
    out.date(s.currentDate());
    out.ordinal(s.frequency());
    out.signed(s.length());
    out.date(s.started());
    out.instant(s.extendedAt());
    out.raw(s.periodExtended() ? 1 : 0);
    out.list(s.periods(), p -> {
      out.date(p.periodStart());
      out.signed(p.length());
      out.ordinal(p.outcome());
      out.date(p.started());
      out.instant(p.extendedAt());
    });
    out.list(s.activity(), a -> {
      out.date(a.date());
      out.map(a.sums(), out::decimal);
      out.instant(a.lastEventAt());
    });
    out.signed(s.freezes());
    out.list(s.freezeLedger(), f -> {
      out.instant(f.at());
      out.ordinal(f.change());
      out.signed(f.delta());
      out.signed(f.balance());
    });
    AutoEarnAnchor anchor = s.autoEarnAnchor();
    out.raw(anchor == null ? 0 : 1);
    if (anchor != null) {
      out.date(anchor.anchor());
      out.instant(anchor.enabledAt());
    }
    out.list(s.pauses(), p -> {
      out.text(p.id());
      out.date(p.start());
      out.date(p.end());
      out.instant(p.archivedAt());
    });
  }

  private StreakState streak(In in) {
    if (in.raw() == 0) {
      return null;
    }
    LocalDate createdOn = in.date();
    String zone = in.word();
    Instant settledAt = in.instant();
    LocalDate currentDate = in.date();
    Frequency frequency = in.ordinal(FREQUENCIES);
    int length = in.integer();
    LocalDate started = in.date();
    Instant extendedAt = in.instant();
    boolean periodExtended = in.raw() == 1;
    List<PeriodRecord> periods =
        in.list(() -> new PeriodRecord(in.date(), in.integer(), in.ordinal(OUTCOMES), in.date(), in.instant()));
    List<DailyActivity> activity = in.list(() -> new DailyActivity(in.date(), in.map(in::decimal), in.instant()));
    int freezes = in.integer();
    List<FreezeLedgerEntry> ledger =
        in.list(() -> new FreezeLedgerEntry(in.instant(), in.ordinal(FREEZE_CHANGES), in.integer(), in.integer()));
    AutoEarnAnchor anchor = in.raw() == 0 ? null : new AutoEarnAnchor(in.date(), in.instant());
    List<StreakPause> pauses = in.list(() -> new StreakPause(in.text(), in.date(), in.date(), in.instant()));
    return new StreakState(
        createdOn,
        zone,
        settledAt,
        currentDate,
        frequency,
        length,
        started,
        extendedAt,
        periodExtended,
        periods,
        activity,
        freezes,
        ledger,
        anchor,
        pauses);
  }

  /** The string's number in the dictionary, adding it; -1 once the dictionary is full. */
  private int idOf(String word) {
    Integer id = ids.get(word);
    return id != null ? id : add(word);
  }

  private synchronized int add(String word) {
    Integer id = ids.get(word);
    if (id != null) {
      return id;
    }
    if (size >= DICTIONARY_LIMIT) {
      return -1;
    }
    String[] current = names;
    if (size == current.length) {
      current = Arrays.copyOf(current, size * 2);
    }
    current[size] = word;
    names = current;
    ids.put(word, size);
    return size++;
  }

  /** Writes varints (7 bits a byte, low first), strings as UTF-8 after their length. */
  private final class Out {
    private byte[] buf = new byte[256];
    private int pos;

    void raw(int b) {
      if (pos == buf.length) {
        buf = Arrays.copyOf(buf, pos * 2);
      }
      buf[pos++] = (byte) b;
    }

    void varint(long v) {
      while ((v & ~0x7FL) != 0) {
        raw((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      raw((int) v);
    }

    void count(int n) {
      varint(n);
    }

    void signed(long v) {
      varint((v << 1) ^ (v >> 63));
    }

    void utf8(String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      varint(b.length);
      if (pos + b.length > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + b.length));
      }
      System.arraycopy(b, 0, buf, pos, b.length);
      pos += b.length;
    }

    /** A string written out: 0 for null, else 1 and the string. */
    void text(String s) {
      if (s == null) {
        raw(0);
      } else {
        raw(1);
        utf8(s);
      }
    }

    /** A repeating string: 0 for null, 1 and the string once the dictionary is full, else 2 + its number. */
    void word(String s) {
      if (s == null) {
        varint(0);
        return;
      }
      int id = idOf(s);
      if (id < 0) {
        varint(1);
        utf8(s);
      } else {
        varint(id + 2L);
      }
    }

    /** 0 for null, else the ordinal + 1. */
    void ordinal(Enum<?> e) {
      varint(e == null ? 0 : e.ordinal() + 1L);
    }

    /** The number of items, then each. */
    <T> void list(List<T> items, Consumer<T> each) {
      count(items.size());
      items.forEach(each);
    }

    /** The number of entries, then each key as a word and its value. */
    <V> void map(Map<String, V> entries, Consumer<V> value) {
      count(entries.size());
      entries.forEach((key, v) -> {
        word(key);
        value.accept(v);
      });
    }

    void instant(Instant t) {
      if (t == null) {
        raw(0);
      } else {
        raw(1);
        signed(t.getEpochSecond());
        varint(t.getNano());
      }
    }

    void date(LocalDate d) {
      if (d == null) {
        raw(0);
      } else {
        raw(1);
        signed(d.toEpochDay());
      }
    }

    /** 0 for null; 1, the scale and an unscaled value that fits a long; or 2, the scale and its bytes. */
    void decimal(BigDecimal d) {
      if (d == null) {
        raw(0);
        return;
      }
      BigInteger unscaled = d.unscaledValue();
      if (unscaled.bitLength() < 64) {
        raw(1);
        signed(d.scale());
        signed(unscaled.longValue());
      } else {
        raw(2);
        signed(d.scale());
        byte[] b = unscaled.toByteArray();
        count(b.length);
        for (byte x : b) {
          raw(x);
        }
      }
    }

    byte[] bytes() {
      return Arrays.copyOf(buf, pos);
    }
  }

  private final class In {
    private final byte[] buf;
    private final int end;
    private int pos;

    In(byte[] buf, int end) {
      this.buf = buf;
      this.end = end;
    }

    int raw() {
      if (pos == end) {
        throw new IllegalStateException("a packed state ends early");
      }
      return buf[pos++] & 0xFF;
    }

    long varint() {
      long v = 0;
      for (int shift = 0; ; shift += 7) {
        int b = raw();
        v |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return v;
        }
      }
    }

    int count() {
      return Math.toIntExact(varint());
    }

    long signed() {
      long v = varint();
      return (v >>> 1) ^ -(v & 1);
    }

    String utf8() {
      int n = span(count());
      String s = new String(buf, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    String text() {
      return raw() == 0 ? null : utf8();
    }

    String word() {
      long v = varint();
      if (v == 0) {
        return null;
      }
      return v == 1 ? utf8() : names[(int) (v - 2)];
    }

    <E extends Enum<E>> E ordinal(E[] values) {
      int v = count();
      return v == 0 ? null : values[v - 1];
    }

    <T> List<T> list(Supplier<T> each) {
      int n = count();
      List<T> items = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        items.add(each.get());
      }
      return items;
    }

    /** Entries in the order they were written (leaderboard entries keep theirs). */
    <V> Map<String, V> map(Supplier<V> value) {
      int n = count();
      Map<String, V> entries = new LinkedHashMap<>();
      for (int i = 0; i < n; i++) {
        String key = word();
        entries.put(key, value.get());
      }
      return entries;
    }

    int integer() {
      return Math.toIntExact(signed());
    }

    Instant instant() {
      return raw() == 0 ? null : Instant.ofEpochSecond(signed(), varint());
    }

    LocalDate date() {
      return raw() == 0 ? null : LocalDate.ofEpochDay(signed());
    }

    BigDecimal decimal() {
      int kind = raw();
      if (kind == 0) {
        return null;
      }
      int scale = Math.toIntExact(signed());
      if (kind == 1) {
        return BigDecimal.valueOf(signed(), scale);
      }
      byte[] b = new byte[span(count())];
      System.arraycopy(buf, pos, b, 0, b.length);
      pos += b.length;
      return new BigDecimal(new BigInteger(b), scale);
    }

    /** {@code n}, once checked that as many bytes are left. */
    private int span(int n) {
      if (n < 0 || n > end - pos) {
        throw new IllegalStateException("a packed state ends early");
      }
      return n;
    }

    boolean atEnd() {
      return pos == end;
    }

    int left() {
      return end - pos;
    }
  }
}
