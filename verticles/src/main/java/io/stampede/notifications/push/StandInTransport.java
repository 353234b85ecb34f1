package io.stampede.notifications.push;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;

/**
 * An HTTP transport for the Firebase Admin SDK that sends every request to a local stand-in of
 * the FCM HTTP v1 API instead of Google (same path and query). The SDK has no endpoint setting;
 * its transport is the supported hook. Never used in production.
 */
final class StandInTransport {

  private StandInTransport() {
  }

  static HttpTransport to(String baseUrl) {
    URI base = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    return new NetHttpTransport.Builder()
        .setConnectionFactory(url -> open(base, url))
        .build();
  }

  private static HttpURLConnection open(URI base, URL original) throws IOException {
    URL target = URI.create(base + original.getFile()).toURL();
    return (HttpURLConnection) target.openConnection();
  }
}
