package io.stampede.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStateSyncGrpcClient;
import io.stampede.contracts.grpc.DropStateSyncGrpcService;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.contracts.grpc.SyncAck;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.Service;

/**
 * The internal endpoint's server, as {@link InternalGrpc} configures it, under what a burst does to
 * it: calls given up at their deadline by the hundred, each reset by the client.
 */
class InternalGrpcTest {

  private static final int SLOW_CALLS = 300;
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void callsGivenUpByTheHundredLeaveTheConnectionOpenForTheNextCall() throws Exception {
    GrpcServer grpc = GrpcServer.server(vertx);
    grpc.addService(Service.service(DropStateSyncGrpcService.SERVICE_NAME, DropStateSyncGrpcService.SERVICE_DESCRIPTOR)
        .bind(DropStateSyncGrpcService.SyncDropState, UnaryCall.of(state -> state.getDropId().equals("slow")
            ? Promise.<SyncAck>promise().future()
            : Future.succeededFuture(SyncAck.newBuilder().build())))
        .build());
    AtomicInteger connections = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    int port = vertx.createHttpServer(InternalGrpc.serverOptions("127.0.0.1", 0))
        .connectionHandler(connection -> {
          connections.incrementAndGet();
          connection.closeHandler(v -> closed.incrementAndGet());
        })
        .requestHandler(grpc)
        .listen().await(10, TimeUnit.SECONDS).actualPort();
    GrpcClient client = GrpcClient.client(vertx,
        new GrpcClientOptions().setTimeout(100).setTimeoutUnit(TimeUnit.MILLISECONDS).setScheduleDeadlineAutomatically(true),
        new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));
    var sync = DropStateSyncGrpcClient.create(client, SocketAddress.inetSocketAddress(port, "127.0.0.1"));

    List<Future<SyncAck>> slow = new ArrayList<>();
    for (int i = 0; i < SLOW_CALLS; i++) {
      slow.add(sync.syncDropState(state("slow")));
    }
    Future.join(slow).otherwiseEmpty().await(30, TimeUnit.SECONDS);
    assertThat(slow).as("every slow call was given up at its deadline").allMatch(Future::failed);

    assertThat(sync.syncDropState(state("sold-out")).await(10, TimeUnit.SECONDS)).isNotNull();
    assertThat(connections.get()).as("connections opened").isEqualTo(1);
    assertThat(closed.get()).as("connections closed by the server").isZero();
  }

  private static DropState state(String dropId) {
    return DropState.newBuilder().setDropId(dropId).setStatus(DropStatus.DROP_STATUS_SOLD_OUT).setVersion(2).build();
  }
}
