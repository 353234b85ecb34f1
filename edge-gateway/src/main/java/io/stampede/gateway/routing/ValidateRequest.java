package io.stampede.gateway.routing;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.stampede.contracts.errors.ErrorCode;
import io.stampede.contracts.errors.StampedeException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.openapi.router.RequestExtractor;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import io.vertx.json.schema.common.dsl.SchemaType;
import io.vertx.openapi.contract.MediaType;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.contract.Parameter;
import io.vertx.openapi.contract.Style;
import io.vertx.openapi.validation.RequestParameter;
import io.vertx.openapi.validation.ValidatableRequest;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.transformer.FormTransformer;
import io.vertx.openapi.validation.transformer.LabelTransformer;
import io.vertx.openapi.validation.transformer.MatrixTransformer;
import io.vertx.openapi.validation.transformer.ParameterTransformer;
import io.vertx.openapi.validation.transformer.SimpleTransformer;

/**
 * Route handler: validates parameters, headers and body against the route's operation in
 * {@code openapi.yaml}, the same document {@code /openapi.yaml} serves. Anything that does not fit
 * is a 400 {@code VALIDATION_FAILED} saying why, before a service sees it.
 *
 * <p>The JSON-schema validators of the operation are built once, here, and the checks run on the
 * event loop. vertx-openapi's {@code RequestValidator} builds a new validator (a copy of every
 * schema of the document) for each part of each request and runs it in {@code executeBlocking},
 * ordered per context: a JFR profile of a read load had half the gateway's CPU in
 * {@code SchemaValidatorImpl.<init>}. Values are transformed exactly as it does (its public
 * transformers, by parameter style). A value that {@link QuickSchemaCheck} finds surely valid skips
 * the general validator; every other value gets its verdict and its wording.
 */
public final class ValidateRequest implements Handler<RoutingContext> {

  /** The routing-context key of the JSON body as validated, so {@link Forward} does not decode it again. */
  static final String DECODED_BODY = "stampede.decodedBody";
  private static final int MAX_DETAIL = 300;
  private static final Map<Style, ParameterTransformer> TRANSFORMERS = new EnumMap<>(Style.class);

  static {
    TRANSFORMERS.put(Style.SIMPLE, new SimpleTransformer());
    TRANSFORMERS.put(Style.LABEL, new LabelTransformer());
    TRANSFORMERS.put(Style.MATRIX, new MatrixTransformer());
    TRANSFORMERS.put(Style.FORM, new FormTransformer());
  }

  private record ParameterCheck(Parameter parameter, Validator schema, QuickSchemaCheck quick) {
  }

  private final Operation operation;
  private final List<ParameterCheck> parameters = new ArrayList<>();
  private final Validator body;
  private final QuickSchemaCheck quickBody;
  private final RequestExtractor extractor = RequestExtractor.withBodyHandler();

  public ValidateRequest(ServiceRoute route, OpenAPIContract contract) {
    this.operation = contract.operation(route.operationId());
    if (operation == null) {
      throw new IllegalStateException("openapi.yaml has no operation " + route.operationId());
    }
    for (Parameter p : operation.getParameters()) {
      parameters.add(new ParameterCheck(p, contract.getSchemaRepository().validator(p.getSchema()),
          QuickSchemaCheck.of(p.getSchema())));
    }
    MediaType json = operation.getRequestBody() == null ? null
        : operation.getRequestBody().getContent().get("application/json");
    this.body = json == null ? null : contract.getSchemaRepository().validator(json.getSchema());
    this.quickBody = json == null ? null : QuickSchemaCheck.of(json.getSchema());
  }

  @Override
  public void handle(RoutingContext ctx) {
    extractor.extractValidatableRequest(ctx, operation)
        .onSuccess(request -> {
          String problem = problem(ctx, request);
          if (problem == null) {
            ctx.next();
          } else {
            ctx.fail(new StampedeException(ErrorCode.VALIDATION_FAILED, shorten(problem)));
          }
        })
        .onFailure(e -> ctx.fail(new StampedeException(ErrorCode.VALIDATION_FAILED, shorten(e.getMessage()))));
  }

  /** What is wrong with the request, or null. */
  private String problem(RoutingContext ctx, ValidatableRequest request) {
    try {
      for (ParameterCheck check : parameters) {
        String wrong = parameterProblem(check, request);
        if (wrong != null) {
          return wrong;
        }
      }
      return operation.getRequestBody() == null ? null : bodyProblem(ctx, request);
    } catch (ValidatorException | DecodeException e) {
      return e.getMessage();
    }
  }

  private static String parameterProblem(ParameterCheck check, ValidatableRequest request) {
    Parameter p = check.parameter();
    Map<String, RequestParameter> given = switch (p.getIn()) {
      case COOKIE -> request.getCookies();
      case HEADER -> request.getHeaders();
      case PATH -> request.getPathParameters();
      case QUERY -> request.getQuery();
    };
    RequestParameter value = given.get(p.getName());
    if (value == null || value.isNull()) {
      return p.isRequired() ? ValidatorException.createMissingRequiredParameter(p).getMessage() : null;
    }
    ParameterTransformer transformer = TRANSFORMERS.get(p.getStyle());
    if (transformer == null) {
      return ValidatorException.createUnsupportedValueFormat(p).getMessage();
    }
    Object transformed = transform(transformer, p, value.getString());
    if (check.quick().surelyValid(transformed)) {
      return null;
    }
    OutputUnit result = check.schema().validate(transformed);
    return Boolean.TRUE.equals(result.getValid()) ? null
        : "the " + p.getIn().name().toLowerCase(Locale.ROOT) + " parameter " + p.getName() + " is invalid: "
            + reason(result);
  }

  /**
   * A plain string parameter (headers, path segments, query values) is its own value. vertx-openapi's
   * transformer first tries to parse it as JSON and builds an exception for nearly every real value
   * (an Idempotency-Key, an id with a dash): 1% of the gateway's CPU under an order burst.
   */
  private static Object transform(ParameterTransformer transformer, Parameter p, String raw) {
    boolean plain = p.getSchemaType() == SchemaType.STRING && (p.getStyle() == Style.SIMPLE || p.getStyle() == Style.FORM);
    return plain ? raw : transformer.transform(p, raw);
  }

  private String bodyProblem(RoutingContext ctx, ValidatableRequest request) {
    RequestParameter given = request.getBody();
    if (given == null || given.isEmpty()) {
      return operation.getRequestBody().isRequired() ? "the request needs a JSON body" : null;
    }
    String type = request.getContentType();
    if (body == null || type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      return "the body must be application/json";
    }
    Object decoded = Json.decodeValue(given.getBuffer(Buffer.buffer()));
    ctx.put(DECODED_BODY, decoded);
    if (quickBody.surelyValid(decoded)) {
      return null;
    }
    OutputUnit result = body.validate(decoded);
    return Boolean.TRUE.equals(result.getValid()) ? null : "the body is invalid: " + reason(result);
  }

  private static String reason(OutputUnit result) {
    List<OutputUnit> errors = result.getErrors();
    OutputUnit first = errors == null || errors.isEmpty() ? result : errors.get(errors.size() - 1);
    String where = first.getInstanceLocation() == null || first.getInstanceLocation().isEmpty()
        ? "" : first.getInstanceLocation() + ": ";
    return where + first.getError();
  }

  private static String shorten(String message) {
    String m = message == null ? "the request does not match the API" : message;
    return m.length() > MAX_DETAIL ? m.substring(0, MAX_DETAIL) + "…" : m;
  }
}
