package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.stampede.contracts.bus.Addresses;
import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.Await;
import io.stampede.testing.Poll;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A socket that never reads is cut off at its queue bound, and does not slow anyone else down. */
class SlowConsumerIT {

  private static final int FLOOD = 2000;

  @RegisterExtension
  static final MemberExtension member = new MemberExtension(Map.of(
      ConfigKeys.WS_QUEUE_LIMIT.name(), "16",
      ConfigKeys.WS_STALL_LIMIT_MS.name(), "2000",
      ConfigKeys.WS_HEARTBEAT_MS.name(), "200"));

  @Test
  void aReaderThatNeverReadsIsClosedAndTheOthersGetEverything() {
    WebSocketClient client = WsClient.client(member.vertx(), 4);
    WsClient fast = WsClient.connect(client, member.node().httpPort(), null).subscribe("drops");
    NetClient net = member.vertx().createNetClient(new NetClientOptions().setReceiveBufferSize(4096));
    NetSocket slow = Await.result(net.connect(member.node().httpPort(), "127.0.0.1"));
    Buffer seen = Buffer.buffer();
    AtomicBoolean ended = new AtomicBoolean();
    slow.handler(seen::appendBuffer);
    slow.closeHandler(v -> ended.set(true));
    slow.write(upgradeRequest());
    Poll.until("the upgrade", () -> seen.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n"));
    slow.write(maskedText(new JsonObject().put("type", "subscribe").put("topic", "drops").encode()));
    Poll.until("the subscription", () -> seen.toString(StandardCharsets.ISO_8859_1).contains("\"subscribed\""));
    slow.pause();

    // 8 MB/s, 10 messages every 10 ms: easy for a reader that reads, far past what one that never reads may hold.
    String padding = "x".repeat(8000);
    AtomicInteger published = new AtomicInteger();
    member.node().vertx().setPeriodic(10, timer -> {
      for (int n = 0; n < 10 && published.get() < FLOOD; n++) {
        member.node().vertx().eventBus().publish(Addresses.DROPS_ANNOUNCEMENTS, new JsonObject().put("type", "drop.live")
            .put("drop", new JsonObject().put("id", "flood-" + published.getAndIncrement()).put("padding", padding)));
      }
      if (published.get() >= FLOOD) {
        member.node().vertx().cancelTimer(timer);
      }
    });

    Poll.until("the fast reader got every message", () -> fast.all(WsClient.type("drop.live")).size() == FLOOD);
    Poll.until("the slow reader is closed for being too slow",
        () -> member.api().get("/metrics", null).bodyAsString().contains("stampede_ws_closed_by_server_total{reason=\"too_slow\""));
    slow.resume();
    Poll.until("the slow reader's connection ends", ended::get);
    assertThat(seen.length()).as("it got far less than the flood").isLessThan(FLOOD * 8000 / 2);
    fast.close();
    Await.result(client.close());
    Await.result(net.close());
  }

  private static Buffer upgradeRequest() {
    String key = Base64.getEncoder().encodeToString("stampede-slow-01".getBytes(StandardCharsets.US_ASCII));
    return Buffer.buffer("GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n\r\n");
  }

  /** One client text frame (clients must mask), for payloads under 126 bytes. */
  private static Buffer maskedText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    byte[] mask = {1, 2, 3, 4};
    Buffer frame = Buffer.buffer().appendByte((byte) 0x81).appendByte((byte) (0x80 | payload.length)).appendBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.appendByte((byte) (payload[i] ^ mask[i % 4]));
    }
    return frame;
  }
}
