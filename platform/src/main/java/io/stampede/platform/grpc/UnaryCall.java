package io.stampede.platform.grpc;

import java.util.function.Function;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.grpc.server.GrpcServerRequest;

/**
 * Binds a unary gRPC method to the function that answers it, and drops the answer of a call its
 * client has already given up on (its deadline passed, or it cancelled). The generated bindings
 * write that late answer anyway, and the failed stream throws on the event loop: under a burst, when
 * calls run past their deadline by the hundred, one logged stack trace each.
 */
public final class UnaryCall {

  private UnaryCall() {
  }

  public static <Req, Resp> Handler<GrpcServerRequest<Req, Resp>> of(Function<Req, Future<Resp>> method) {
    return request -> {
      boolean[] abandoned = {false};
      request.errorHandler(error -> abandoned[0] = true);
      request.handler(message -> method.apply(message).onComplete(answer -> {
        if (abandoned[0]) {
          return;
        }
        if (answer.succeeded()) {
          request.response().end(answer.result());
        } else {
          request.response().fail(answer.cause());
        }
      }));
    };
  }
}
