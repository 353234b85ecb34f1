package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.stampede.testing.Await;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Profiles and the follow graph: idempotent edges, exact counts under concurrent storms. */
class UsersIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension();

  @Test
  void onlyTheUserThemselfChangesTheirProfile() {
    JsonObject ann = member.api().signUp(ApiClient.unique("ann"), "fan");
    JsonObject bob = member.api().signUp(ApiClient.unique("bob"), "fan");
    String path = "/users/" + ann.getString("userId");

    HttpResponse<Buffer> updated = patch(path, new JsonObject().put("displayName", "Ann ✓").put("bio", "likes hoodies"),
        ann.getString("accessToken"));

    assertThat(updated.statusCode()).isEqualTo(200);
    assertThat(updated.bodyAsJsonObject().getString("displayName")).isEqualTo("Ann ✓");
    assertThat(member.api().get(path, bob.getString("accessToken")).bodyAsJsonObject().getString("bio")).isEqualTo("likes hoodies");
    assertProblem(patch(path, new JsonObject().put("bio", "hacked"), bob.getString("accessToken")), 403, "FORBIDDEN");
    assertProblem(patch(path, new JsonObject().put("displayName", ""), ann.getString("accessToken")), 400, "VALIDATION_FAILED");
    assertProblem(member.api().get("/users/nobody", bob.getString("accessToken")), 404, "NOT_FOUND");
    assertProblem(member.api().get(path, null), 401, "UNAUTHORIZED");
  }

  @Test
  void cachedProfilesShowAChangeOnTheNextReadAndSurviveARedisFlush() {
    JsonObject star = member.api().signUp(ApiClient.unique("star"), "creator");
    JsonObject fan = member.api().signUp(ApiClient.unique("fan"), "fan");
    String starPath = "/users/" + star.getString("userId");
    String token = fan.getString("accessToken");
    assertThat(member.api().get(starPath, token).bodyAsJsonObject().getInteger("followers")).isZero();

    member.api().post(starPath + "/follow", new JsonObject(), token);
    assertThat(member.api().get(starPath, token).bodyAsJsonObject().getInteger("followers")).isEqualTo(1);
    patch(starPath, new JsonObject().put("bio", "cached?"), star.getString("accessToken"));
    assertThat(member.api().get(starPath, token).bodyAsJsonObject().getString("bio")).isEqualTo("cached?");

    var redis = io.stampede.platform.infra.RedisSetup.client(member.vertx(), member.node().config());
    String prefix = member.node().config().get(io.stampede.platform.config.ConfigKeys.REDIS_KEY_PREFIX);
    var cached = io.stampede.testing.Await.result(redis.send(io.vertx.redis.client.Request
        .cmd(io.vertx.redis.client.Command.KEYS).arg(prefix + "{user:*")));
    assertThat(cached.size()).as("profiles are cached").isPositive();
    var del = io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL);
    cached.forEach(k -> del.arg(k.toString()));
    io.stampede.testing.Await.result(redis.send(del));
    redis.close();

    JsonObject afterFlush = member.api().get(starPath, token).bodyAsJsonObject();
    assertThat(afterFlush.getInteger("followers")).isEqualTo(1);
    assertThat(afterFlush.getString("bio")).isEqualTo("cached?");
    member.api().delete(starPath + "/follow", token);
    assertThat(member.api().get(starPath, token).bodyAsJsonObject().getInteger("followers")).isZero();
  }

  @Test
  void followIsIdempotentAndCountsFollowTheGraph() {
    JsonObject star = member.api().signUp(ApiClient.unique("star"), "creator");
    JsonObject fan = member.api().signUp(ApiClient.unique("fan"), "fan");
    String token = fan.getString("accessToken");
    String starPath = "/users/" + star.getString("userId");

    assertThat(member.api().post(starPath + "/follow", new JsonObject(), token).statusCode()).isEqualTo(204);
    assertThat(member.api().post(starPath + "/follow", new JsonObject(), token).statusCode()).isEqualTo(204);
    assertThat(member.api().get(starPath, token).bodyAsJsonObject().getLong("followers")).isEqualTo(1);
    assertThat(member.api().get("/users/" + fan.getString("userId"), token).bodyAsJsonObject().getLong("following")).isEqualTo(1);
    assertThat(member.api().get("/creators/" + star.getString("userId"), token).bodyAsJsonObject().getLong("followers")).isEqualTo(1);
    assertProblem(member.api().post("/users/" + fan.getString("userId") + "/follow", new JsonObject(), token), 400, "VALIDATION_FAILED");
    assertProblem(member.api().post("/users/nobody/follow", new JsonObject(), token), 404, "NOT_FOUND");

    assertThat(delete(starPath + "/follow", token).statusCode()).isEqualTo(204);
    assertThat(delete(starPath + "/follow", token).statusCode()).isEqualTo(204);
    assertThat(member.api().get(starPath, token).bodyAsJsonObject().getLong("followers")).isZero();
  }

  @Test
  void fiftyUsersFollowingAndUnfollowingAtOnceLeaveExactCountsAndLists() {
    JsonObject star = member.api().signUp(ApiClient.unique("star"), "creator");
    String starPath = "/users/" + star.getString("userId");
    List<JsonObject> fans = Await.result(Future.all(java.util.stream.IntStream.range(0, 50).mapToObj(i -> member.vertx()
        .executeBlocking(() -> member.api().signUp(ApiClient.unique("storm" + i), "fan"), false)).toList())).list();

    for (int round = 0; round < 4; round++) {
      List<Future<HttpResponse<Buffer>>> storm = new ArrayList<>();
      for (JsonObject fan : fans) {
        String token = fan.getString("accessToken");
        storm.add(member.web().post(starPath + "/follow").bearerTokenAuthentication(token).send());
        storm.add(member.web().post(starPath + "/follow").bearerTokenAuthentication(token).send());
        storm.add(member.web().delete(starPath + "/follow").bearerTokenAuthentication(token).send());
      }
      Await.result(Future.all(storm)).<HttpResponse<Buffer>>list()
          .forEach(r -> assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(204));
    }
    // A last, decisive round: even-numbered fans follow, odd-numbered ones do not.
    Set<String> expected = new HashSet<>();
    List<Future<HttpResponse<Buffer>>> last = new ArrayList<>();
    for (int i = 0; i < fans.size(); i++) {
      String token = fans.get(i).getString("accessToken");
      if (i % 2 == 0) {
        expected.add(fans.get(i).getString("userId"));
        last.add(member.web().post(starPath + "/follow").bearerTokenAuthentication(token).send());
      } else {
        last.add(member.web().delete(starPath + "/follow").bearerTokenAuthentication(token).send());
      }
    }
    Await.result(Future.all(last));

    String reader = fans.get(0).getString("accessToken");
    assertThat(member.api().get(starPath, reader).bodyAsJsonObject().getLong("followers")).isEqualTo(expected.size());
    Set<String> listed = new HashSet<>();
    String cursor = null;
    do {
      JsonObject page = member.api().get(starPath + "/followers?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), reader)
          .bodyAsJsonObject();
      page.getJsonArray("items").forEach(u -> assertThat(listed.add(((JsonObject) u).getString("id"))).isTrue());
      cursor = page.getString("nextCursor");
    } while (cursor != null);
    assertThat(listed).isEqualTo(expected);
    JsonObject follower = fans.get(0);
    assertThat(member.api().get("/users/" + follower.getString("userId") + "/following", reader).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getString("id")).isEqualTo(star.getString("userId"));
  }

  private static HttpResponse<Buffer> patch(String path, JsonObject body, String token) {
    return Await.result(member.web().patch(path).bearerTokenAuthentication(token).sendJsonObject(body));
  }

  private static HttpResponse<Buffer> delete(String path, String token) {
    return Await.result(member.web().delete(path).bearerTokenAuthentication(token).send());
  }
}
