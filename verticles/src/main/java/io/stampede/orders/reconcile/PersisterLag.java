package io.stampede.orders.reconcile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.stampede.contracts.events.Topics;
import io.vertx.core.Future;
import io.vertx.kafka.admin.KafkaAdminClient;
import io.vertx.kafka.admin.OffsetSpec;
import io.vertx.kafka.client.common.TopicPartition;

/** How many records of {@code order_events} the persister has not committed yet, over all partitions. */
final class PersisterLag {

  private final KafkaAdminClient admin;
  private final String group;

  PersisterLag(KafkaAdminClient admin, String group) {
    this.admin = admin;
    this.group = group;
  }

  Future<Long> records() {
    return admin.describeTopics(List.of(Topics.ORDER_EVENTS)).compose(topics -> {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      topics.get(Topics.ORDER_EVENTS).getPartitions()
          .forEach(p -> latest.put(new TopicPartition(Topics.ORDER_EVENTS, p.getPartition()), OffsetSpec.LATEST));
      return Future.all(admin.listOffsets(latest), admin.listConsumerGroupOffsets(group)).map(both -> {
        Map<TopicPartition, io.vertx.kafka.admin.ListOffsetsResultInfo> ends = both.resultAt(0);
        Map<TopicPartition, io.vertx.kafka.client.consumer.OffsetAndMetadata> committed = both.resultAt(1);
        long lag = 0;
        for (var end : ends.entrySet()) {
          var done = committed.get(end.getKey());
          lag += end.getValue().getOffset() - (done == null ? 0 : done.getOffset());
        }
        return lag;
      });
    });
  }
}
