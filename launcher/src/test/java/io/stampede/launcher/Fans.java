package io.stampede.launcher;

import java.util.ArrayList;
import java.util.List;

/** Signs up the people of a scenario through the public API. */
final class Fans {

  private Fans() {
  }

  /** {@code count} fans, signed in: their access tokens. */
  static List<String> signUp(ApiClient api, int count) {
    List<String> tokens = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tokens.add(api.signUp(ApiClient.unique("fan" + i), "fan").getString("accessToken"));
    }
    return tokens;
  }

  /** A creator's user id. */
  static String creator(ApiClient api) {
    return api.signUp(ApiClient.unique("maker"), "creator").getString("userId");
  }
}
