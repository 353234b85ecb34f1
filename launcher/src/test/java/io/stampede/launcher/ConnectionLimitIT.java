package io.stampede.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.stampede.platform.config.ConfigKeys;
import io.stampede.testing.Poll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A member holds at most http.max-connections client connections; one more is closed, not served. */
class ConnectionLimitIT {

  private static final int READ_TIMEOUT_MS = 10_000;
  private static Node node;

  @BeforeAll
  static void start() {
    node = Members.start("gateway,auth,users,creators,drops,orders,notifications",
        Map.of(ConfigKeys.HTTP_MAX_CONNECTIONS.name(), "2"));
  }

  @AfterAll
  static void stop() {
    Members.stop(node);
  }

  @Test
  void aConnectionBeyondTheLimitIsClosedAndOneMayOpenWhenAnotherCloses() throws IOException {
    try (Socket first = connect(); Socket second = connect()) {
      assertThat(statusLine(first)).startsWith("HTTP/1.1 200");
      assertThat(statusLine(second)).startsWith("HTTP/1.1 200");

      try (Socket third = connect()) {
        assertThat(statusLine(third)).as("the third connection is closed without an answer").isEmpty();
      }
      assertThat(statusLine(first)).as("the admitted ones keep working").startsWith("HTTP/1.1 200");

      first.close();
      assertThat(statusLineOnceAdmitted()).startsWith("HTTP/1.1 200");
    }
  }

  /** A connection is counted once its first bytes are read: the request they carry must not run. */
  @Test
  void theRequestThatCameOnARefusedConnectionIsNotRun() throws IOException {
    String username = ApiClient.unique("refused");
    String body = "{\"username\":\"" + username + "\",\"password\":\"password123\",\"displayName\":\"R\",\"role\":\"fan\"}";
    try (Socket first = connect(); Socket second = connect()) {
      assertThat(statusLine(first)).startsWith("HTTP/1.1 200");
      assertThat(statusLine(second)).startsWith("HTTP/1.1 200");

      try (Socket third = connect()) {
        assertThat(firstLine(third, post("/auth/register", body))).as("refused, no answer").isEmpty();
      }
      String login = "{\"username\":\"" + username + "\",\"password\":\"password123\"}";
      assertThat(firstLine(first, post("/auth/login", login))).as("the sign-up did not happen").startsWith("HTTP/1.1 401");
      assertThat(firstLine(second, post("/auth/register", body))).as("so the fan's retry signs up")
          .startsWith("HTTP/1.1 201");
    }
  }

  @Test
  void aWebSocketThatClosedGivesItsPlaceBack() throws IOException {
    for (int i = 0; i < 3; i++) {
      assertThat(answerOnceAdmitted(ConnectionLimitIT::upgradeLine)).as("WebSocket %d of 3, one after another", i + 1)
          .startsWith("HTTP/1.1 101");
    }
    assertThat(statusLineOnceAdmitted()).as("more sockets came and went than the limit").startsWith("HTTP/1.1 200");
  }

  /** The server counts a connection down when it sees it close, a moment after the client does. */
  private static String statusLineOnceAdmitted() {
    return answerOnceAdmitted(ConnectionLimitIT::statusLine);
  }

  private interface Exchange {
    String firstLine(Socket socket) throws IOException;
  }

  private static String answerOnceAdmitted(Exchange exchange) {
    String[] line = {""};
    Poll.until("a new connection admitted after one closed", Duration.ofMillis(READ_TIMEOUT_MS), () -> {
      try (Socket s = connect()) {
        line[0] = exchange.firstLine(s);
      } catch (IOException e) {
        line[0] = "";
      }
      return !line[0].isEmpty();
    });
    return line[0];
  }

  private static Socket connect() throws IOException {
    Socket socket = new Socket("127.0.0.1", node.httpPort());
    socket.setSoTimeout(READ_TIMEOUT_MS);
    return socket;
  }

  /** Sends a keep-alive GET /health/live and reads the status line; empty when the server closed the connection. */
  private static String statusLine(Socket socket) throws IOException {
    return firstLine(socket, "GET /health/live HTTP/1.1\r\nHost: localhost\r\n\r\n");
  }

  /** Asks for an anonymous /ws WebSocket and reads the status line of the answer (101 once upgraded). */
  private static String upgradeLine(Socket socket) throws IOException {
    return firstLine(socket, "GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
  }

  private static String post(String path, String json) {
    return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\ncontent-type: application/json\r\ncontent-length: "
        + json.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + json;
  }

  private static String firstLine(Socket socket, String request) throws IOException {
    OutputStream out = socket.getOutputStream();
    try {
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
    } catch (IOException closed) {
      return "";
    }
    InputStream in = socket.getInputStream();
    StringBuilder head = new StringBuilder();
    try {
      int c;
      while ((c = in.read()) != -1) {
        head.append((char) c);
        if (head.toString().endsWith("\r\n\r\n")) {
          break;
        }
      }
    } catch (SocketTimeoutException | java.net.SocketException closed) {
      return "";
    }
    String text = head.toString();
    int contentLength = contentLength(text);
    in.readNBytes(contentLength);
    return text.isEmpty() ? "" : text.substring(0, text.indexOf("\r\n"));
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    return 0;
  }
}
