package io.stampede.contracts.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

  @Test
  void wireCodesAreUniqueAndRoundTrip() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::wireCode).distinct().count())
        .isEqualTo(ErrorCode.values().length);
    for (ErrorCode code : ErrorCode.values()) {
      StampedeException back = StampedeException.fromBusFailure(new StampedeException(code, "why").toReplyException());
      assertThat(back.code()).isEqualTo(code);
      assertThat(back.detail()).isEqualTo("why");
    }
  }

  @Test
  void nobodyAnsweringIsUnavailableAndAnythingElseIsInternal() {
    assertThat(StampedeException.fromBusFailure(new ReplyException(ReplyFailure.TIMEOUT, "t")).code())
        .isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(StampedeException.fromBusFailure(new ReplyException(ReplyFailure.NO_HANDLERS, "n")).code())
        .isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(StampedeException.fromBusFailure(new IllegalStateException("secret internals")).code())
        .isEqualTo(ErrorCode.INTERNAL);
  }

  @Test
  void problemDocumentCarriesTheStableCode() {
    JsonObject json = new Problem(ErrorCode.SOLD_OUT, "nothing left").toJson();

    assertThat(json.getString("code")).isEqualTo("SOLD_OUT");
    assertThat(json.getInteger("status")).isEqualTo(409);
    assertThat(json.getString("detail")).isEqualTo("nothing left");
    assertThat(json.getString("type")).endsWith("/sold-out");
    assertThat(json.getString("title")).isNotBlank();
  }
}
