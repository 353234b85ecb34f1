package io.stampede.gateway.routing;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;

/**
 * Route handler: validates parameters, headers and body against the route's operation in
 * {@code openapi.yaml}, the same document {@code /openapi.yaml} serves. Anything that does not fit
 * is a 400 {@code VALIDATION_FAILED} saying why, before a service sees it.
 */
public final class ValidateRequest implements Handler<RoutingContext> {

  private static final int MAX_DETAIL = 300;

  private final Operation operation;
  private final RequestValidator validator;
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

  public ValidateRequest(ServiceRoute route, OpenAPIContract contract, RequestValidator validator) {
    this.operation = contract.operation(route.operationId());
    if (operation == null) {
      throw new IllegalStateException("openapi.yaml has no operation " + route.operationId());
    }
    this.validator = validator;
  }

  @Override
  public void handle(RoutingContext ctx) {
    extractor.extractValidatableRequest(ctx, operation)
        .compose(request -> validator.validate(request, operation.getOperationId()))
        .onSuccess(valid -> ctx.next())
        .onFailure(e -> ctx.fail(new StampedeException(ErrorCode.VALIDATION_FAILED, detail(e))));
  }

  private static String detail(Throwable e) {
    String message = e.getMessage() == null ? "the request does not match the API" : e.getMessage();
    return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "…" : message;
  }
}
