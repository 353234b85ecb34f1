package io.stampede.launcher;

import static io.stampede.launcher.AuthIT.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Creator profiles and products: only the creator writes, everyone signed in reads, pages are stable. */
class CreatorsIT {

  @RegisterExtension
  static final MemberExtension member = new MemberExtension();

  @Test
  void onlyTheCreatorThemselfCreatesProducts() {
    JsonObject creator = member.api().signUp(ApiClient.unique("maker"), "creator");
    JsonObject rival = member.api().signUp(ApiClient.unique("rival"), "creator");
    JsonObject fan = member.api().signUp(ApiClient.unique("fan"), "fan");
    String path = "/creators/" + creator.getString("userId") + "/products";

    var created = member.api().post(path, product("Hoodie", 4999), creator.getString("accessToken"));

    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    JsonObject product = created.bodyAsJsonObject();
    assertThat(product.fieldNames()).containsExactlyInAnyOrder("id", "creatorId", "name", "description", "priceCents",
        "currency", "imageUrl", "createdAt");
    assertThat(product.getString("creatorId")).isEqualTo(creator.getString("userId"));
    assertProblem(member.api().post(path, product("Fake", 1), rival.getString("accessToken")), 403, "FORBIDDEN");
    assertProblem(member.api().post(path, product("Fake", 1), fan.getString("accessToken")), 403, "FORBIDDEN");
    // A fan cannot make themself a shop either.
    assertProblem(member.api().post("/creators/" + fan.getString("userId") + "/products", product("Mine", 1),
        fan.getString("accessToken")), 403, "FORBIDDEN");
    assertProblem(member.api().post(path, product("Anon", 1), null), 401, "UNAUTHORIZED");
  }

  @Test
  void productsArePagedNewestFirstWithStableCursors() {
    JsonObject creator = member.api().signUp(ApiClient.unique("shop"), "creator");
    String token = creator.getString("accessToken");
    String path = "/creators/" + creator.getString("userId") + "/products";
    for (int i = 0; i < 5; i++) {
      assertThat(member.api().post(path, product("Item " + i, 100 + i), token).statusCode()).isEqualTo(201);
    }

    List<String> names = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonObject page = member.api().get(path + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token).bodyAsJsonObject();
      page.getJsonArray("items").forEach(p -> names.add(((JsonObject) p).getString("name")));
      cursor = page.getString("nextCursor");
      pages++;
    } while (cursor != null && pages < 10);

    assertThat(names).containsExactly("Item 4", "Item 3", "Item 2", "Item 1", "Item 0");
    assertThat(pages).isEqualTo(3);
    JsonObject profile = member.api().get("/creators/" + creator.getString("userId"), token).bodyAsJsonObject();
    assertThat(profile.getLong("productCount")).isEqualTo(5);
    assertProblem(member.api().get(path + "?limit=0", token), 400, "VALIDATION_FAILED");
    assertProblem(member.api().get(path + "?limit=101", token), 400, "VALIDATION_FAILED");
    assertProblem(member.api().get(path + "?cursor=not-a-cursor", token), 400, "VALIDATION_FAILED");
  }

  @Test
  void aFanHasNoCreatorProfileAndInvalidProductsAre400() {
    JsonObject fan = member.api().signUp(ApiClient.unique("fan"), "fan");
    JsonObject creator = member.api().signUp(ApiClient.unique("maker"), "creator");
    String token = creator.getString("accessToken");
    String path = "/creators/" + creator.getString("userId") + "/products";

    assertProblem(member.api().get("/creators/" + fan.getString("userId"), token), 404, "NOT_FOUND");
    assertProblem(member.api().get("/creators/nobody", token), 404, "NOT_FOUND");
    for (JsonObject bad : List.of(product("", 1), product("X", -1), product("X", 1).put("currency", "euro"),
        product("X", 1).put("priceCents", 1.5), product("X", 1).put("priceCents", "12"), new JsonObject())) {
      assertProblem(member.api().post(path, bad, token), 400, "VALIDATION_FAILED");
    }
  }

  private static JsonObject product(String name, long priceCents) {
    return new JsonObject().put("name", name).put("description", "A thing").put("priceCents", priceCents)
        .put("currency", "EUR");
  }
}
