package io.stampede.perf;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;

/**
 * The ceiling of this machine's HTTP stack for the side-by-side benchmark: a Vert.x server (one
 * instance per core, HTTP/1.1 and h2c on one port, as Stampede's gateway) that answers every
 * request 201 with a small JSON body and does nothing else. {@code --port=18090}
 */
public final class CeilingServer extends VerticleBase {

  private static final Buffer BODY = Buffer.buffer("{\"id\":\"0193a0b0-0000-7000-8000-000000000000\",\"status\":\"PENDING\"}");

  private final int port;

  private CeilingServer(int port) {
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1").setHttp2ClearTextEnabled(true))
        .requestHandler(request -> request.response().setStatusCode(201)
            .putHeader("content-type", "application/json").end(BODY))
        .listen();
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0].replace("--port=", "")) : 18090;
    Vertx vertx = Vertx.vertx();
    vertx.deployVerticle(() -> new CeilingServer(port),
            new DeploymentOptions().setInstances(Runtime.getRuntime().availableProcessors()))
        .onSuccess(id -> System.out.println("ceiling ready on " + port))
        .onFailure(e -> {
          e.printStackTrace();
          System.exit(1);
        });
  }
}
