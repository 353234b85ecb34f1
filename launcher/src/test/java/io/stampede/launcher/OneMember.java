package io.stampede.launcher;

import java.util.Map;

import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * A member running every service, with a client Vert.x, a black-box {@link ApiClient} and a raw
 * {@link WebClient} aimed at its public port: the set-up most integration tests share.
 */
record OneMember(Node node, Vertx vertx, ApiClient api, WebClient web) implements AutoCloseable {

  static final String ALL_SERVICES = "gateway,auth,users,creators,drops,orders,notifications";

  static OneMember start() {
    return start(Map.of());
  }

  static OneMember start(Map<String, String> overrides) {
    Node node = Members.start(ALL_SERVICES, overrides);
    Vertx vertx = Vertx.vertx();
    WebClient web = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
        .setDefaultPort(node.httpPort()), new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(-1));
    return new OneMember(node, vertx, new ApiClient(vertx, node), web);
  }

  @Override
  public void close() {
    Members.stop(node);
    vertx.close();
  }
}
