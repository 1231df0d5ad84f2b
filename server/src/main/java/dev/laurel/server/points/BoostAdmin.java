package dev.laurel.server.points;

import com.fasterxml.jackson.databind.JsonNode;
import dev.laurel.engine.Scope;
import dev.laurel.engine.ScopeConfig;
import dev.laurel.engine.points.Boost;
import dev.laurel.engine.points.SystemConfig;
import dev.laurel.server.http.Wire;
import dev.laurel.server.scope.Scopes;
import dev.laurel.store.Database;
import dev.laurel.store.PointsConfigRepository;
import dev.laurel.store.Tx;
import dev.laurel.store.UserRepository;
import java.sql.SQLException;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** {@code /points/{systemId}/boosts} (BOOST-9..BOOST-13): global and user-specific boosts. */
final class BoostAdmin extends SystemPartAdmin<Boost> {
  private final UserRepository users;

  BoostAdmin(Database db, PointsConfigRepository repository, Scopes scopes, InstantSource clock, UserRepository users) {
    super(db, repository, scopes, clock);
    this.users = users;
  }

  @Override
  String segment() {
    return "boosts";
  }

  @Override
  String noun() {
    return "Points boost";
  }

  @Override
  PointsConfigRepository.Table table() {
    return PointsConfigRepository.Table.BOOSTS;
  }

  @Override
  List<Boost> live(SystemConfig system) {
    return system.boosts();
  }

  @Override
  String id(Boost b) {
    return b.id();
  }

  @Override
  Wire.Obj json(Boost b) {
    return PointsAdminJson.boost(b, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
  }

  /** BOOST-11: update issues may also name the boost as {@code boostId} (ADM-5). */
  @Override
  Wire.Obj issueFor(String id, String message) {
    return super.issueFor(id, message).withOptional("boostId", id);
  }

  @Override
  Boost create(Scope scope, ScopeConfig config, SystemConfig system, JsonNode item) {
    return BoostItems.create(
        item, system.id(), UUID.randomUUID().toString(), clock.instant(), config, id -> users.profile(scope, id) != null);
  }

  @Override
  Boost update(Scope scope, ScopeConfig config, SystemConfig system, JsonNode item, Boost current) {
    return BoostItems.update(item, current, config);
  }

  @Override
  void insert(Tx tx, Scope scope, Boost b) throws SQLException {
    repository.insertBoost(tx, scope, b);
  }

  @Override
  void save(Tx tx, Scope scope, Boost b) throws SQLException {
    repository.updateBoost(tx, scope, b);
  }
}
