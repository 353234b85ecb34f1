package io.stampede.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.stampede.contracts.grpc.DropState;
import io.stampede.contracts.grpc.DropStateSyncGrpcClient;
import io.stampede.contracts.grpc.DropStateSyncGrpcService;
import io.stampede.contracts.grpc.DropStatus;
import io.stampede.contracts.grpc.SyncAck;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.SocketAddress;
import io.vertx.grpc.client.GrpcClient;
import io.vertx.grpc.client.GrpcClientOptions;
import io.vertx.grpc.server.GrpcServer;
import io.vertx.grpc.server.Service;

/** A unary call answered after its client's deadline: the answer is dropped, nothing is thrown on the event loop. */
class UnaryCallTest {

  private final List<Throwable> unhandled = new CopyOnWriteArrayList<>();
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    vertx.exceptionHandler(unhandled::add);
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().await(10, TimeUnit.SECONDS);
  }

  @Test
  void anAnswerAfterTheClientGaveUpIsDroppedQuietly() throws Exception {
    Promise<SyncAck> late = Promise.promise();
    Promise<Void> called = Promise.promise();
    GrpcServer grpc = GrpcServer.server(vertx);
    grpc.addService(Service.service(DropStateSyncGrpcService.SERVICE_NAME, DropStateSyncGrpcService.SERVICE_DESCRIPTOR)
        .bind(DropStateSyncGrpcService.SyncDropState, UnaryCall.of(request -> {
          called.tryComplete();
          return late.future();
        }))
        .build());
    // The stream closes after its reset has been handed to the call, so its close says the client's cancel arrived.
    Promise<Void> streamClosed = Promise.promise();
    int port = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(true))
        .requestHandler(request -> {
          request.response().closeHandler(v -> streamClosed.tryComplete());
          grpc.handle(request);
        })
        .listen(0).await(10, TimeUnit.SECONDS).actualPort();
    GrpcClient client = GrpcClient.client(vertx,
        new GrpcClientOptions().setTimeout(200).setTimeoutUnit(TimeUnit.MILLISECONDS).setScheduleDeadlineAutomatically(true),
        new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false));

    var call = DropStateSyncGrpcClient.create(client, SocketAddress.inetSocketAddress(port, "127.0.0.1"))
        .syncDropState(DropState.newBuilder().setDropId("d1").setStatus(DropStatus.DROP_STATUS_LIVE).setVersion(1).build());
    called.future().await(10, TimeUnit.SECONDS);
    assertThatThrownBy(() -> call.await(10, TimeUnit.SECONDS)).as("the client's deadline passes first");

    streamClosed.future().await(10, TimeUnit.SECONDS);
    assertThatCode(() -> late.complete(SyncAck.newBuilder().build())).doesNotThrowAnyException();
    assertThat(unhandled).as("nothing thrown on the event loop").isEmpty();
  }
}
