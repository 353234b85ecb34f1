package io.stampede.gateway.realtime;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Messages waiting for one socket while its network buffer is full, bounded. A message with a
 * merge key (a stock update of one item) replaces the waiting one with the same key: the latest
 * value wins and the queue does not grow. When the queue is full, waiting stock updates make room
 * first; only when nothing can be dropped does the queue report an overflow, and the socket is
 * closed. Not thread-safe: one socket, one event loop.
 */
final class OutboundQueue {

  enum Offer { QUEUED, MERGED, DROPPED_STALE, OVERFLOW }

  private static final class Entry {
    final String key;
    String text;

    Entry(String key, String text) {
      this.key = key;
      this.text = text;
    }
  }

  private final int limit;
  private final ArrayDeque<Entry> waiting = new ArrayDeque<>();
  private final Map<String, Entry> byKey = new HashMap<>();

  OutboundQueue(int limit) {
    this.limit = limit;
  }

  /** Queues {@code text}; {@code mergeKey} is null for messages that must each be delivered. */
  Offer offer(String text, String mergeKey) {
    if (mergeKey != null) {
      Entry same = byKey.get(mergeKey);
      if (same != null) {
        same.text = text;
        return Offer.MERGED;
      }
    }
    Offer result = Offer.QUEUED;
    if (waiting.size() >= limit) {
      if (!dropOldestMergeable()) {
        return Offer.OVERFLOW;
      }
      result = Offer.DROPPED_STALE;
    }
    Entry entry = new Entry(mergeKey, text);
    waiting.addLast(entry);
    if (mergeKey != null) {
      byKey.put(mergeKey, entry);
    }
    return result;
  }

  private boolean dropOldestMergeable() {
    for (Iterator<Entry> it = waiting.iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (e.key != null) {
        it.remove();
        byKey.remove(e.key);
        return true;
      }
    }
    return false;
  }

  /** The next message to write, or null. */
  String poll() {
    Entry e = waiting.pollFirst();
    if (e == null) {
      return null;
    }
    if (e.key != null) {
      byKey.remove(e.key);
    }
    return e.text;
  }

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  int size() {
    return waiting.size();
  }
}
