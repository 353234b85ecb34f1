package io.stampede.notifications.push;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.MulticastMessage;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.SendResponse;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FCM through the Firebase Admin SDK. The SDK blocks, so every send runs on a small worker pool of
 * its own, never on an event loop. Each member gets its own named {@link FirebaseApp}.
 */
public final class FcmPushSender implements PushSender {

  private static final Logger LOG = LoggerFactory.getLogger(FcmPushSender.class);
  private static final int WORKERS = 4;

  private final FirebaseApp app;
  private final FirebaseMessaging messaging;
  private final WorkerExecutor workers;

  private FcmPushSender(FirebaseApp app, WorkerExecutor workers) {
    this.app = app;
    this.messaging = FirebaseMessaging.getInstance(app);
    this.workers = workers;
  }

  /** Credentials from the service-account file, or, with a stand-in endpoint and no file, a placeholder token. */
  public static FcmPushSender create(Vertx vertx, PushSettings settings) {
    try {
      FirebaseOptions.Builder options = FirebaseOptions.builder()
          .setProjectId(settings.projectId())
          .setCredentials(credentials(settings));
      if (settings.standIn()) {
        options.setHttpTransport(StandInTransport.to(settings.endpoint()));
      }
      FirebaseApp app = FirebaseApp.initializeApp(options.build(), "stampede-" + UUID.randomUUID());
      return new FcmPushSender(app, vertx.createSharedWorkerExecutor("stampede-push", WORKERS));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read FCM credentials: " + e.getMessage(), e);
    }
  }

  private static GoogleCredentials credentials(PushSettings settings) throws IOException {
    if (settings.credentialsFile().isEmpty()) {
      return GoogleCredentials.create(new AccessToken("stand-in", new Date(Long.MAX_VALUE / 2)));
    }
    try (InputStream in = new FileInputStream(settings.credentialsFile())) {
      return GoogleCredentials.fromStream(in)
          .createScoped(List.of("https://www.googleapis.com/auth/firebase.messaging"));
    }
  }

  @Override
  public Future<List<String>> send(List<String> tokens, PushMessage message) {
    if (tokens.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    MulticastMessage multicast = MulticastMessage.builder()
        .addAllTokens(tokens)
        .setNotification(Notification.builder().setTitle(message.title()).setBody(message.body()).build())
        .putAllData(message.data())
        .build();
    return workers.executeBlocking(() -> unregistered(tokens, messaging.sendEachForMulticast(multicast)), false);
  }

  private static List<String> unregistered(List<String> tokens, BatchResponse batch) {
    List<String> gone = new ArrayList<>();
    List<SendResponse> responses = batch.getResponses();
    for (int i = 0; i < responses.size(); i++) {
      SendResponse r = responses.get(i);
      if (!r.isSuccessful() && r.getException() != null) {
        if (r.getException().getMessagingErrorCode() == MessagingErrorCode.UNREGISTERED) {
          gone.add(tokens.get(i));
        } else {
          LOG.debug("push to a device failed: {}", r.getException().getMessage());
        }
      }
    }
    if (batch.getFailureCount() > gone.size()) {
      LOG.warn("{} of {} pushes failed", batch.getFailureCount() - gone.size(), tokens.size());
    }
    return gone;
  }

  @Override
  public Future<Void> close() {
    app.delete();
    return workers.close();
  }
}
