package io.stampede.notifications.push;

import java.util.List;

import io.vertx.core.Future;

/** Sends one message to up to 500 device tokens; the result lists the tokens the provider no longer knows. */
public interface PushSender {

  int MAX_TOKENS = 500;

  Future<List<String>> send(List<String> tokens, PushMessage message);

  Future<Void> close();
}
