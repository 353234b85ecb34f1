package io.stampede.notifications.push;

import java.util.Map;

/** What a device shows (title, body) and the data an app reads to open the right screen. */
public record PushMessage(String title, String body, Map<String, String> data) {
}
