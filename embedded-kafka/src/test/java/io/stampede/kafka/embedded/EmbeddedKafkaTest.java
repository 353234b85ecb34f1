package io.stampede.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedKafkaTest {

  @Test
  void brokerAcceptsAndServesRecords() throws Exception {
    try (EmbeddedKafka kafka = EmbeddedKafka.start(0, null)) {
      String bootstrap = kafka.bootstrapServers();
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(List.of(new NewTopic("probe", 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
      }
      Properties producerProps = new Properties();
      producerProps.put("bootstrap.servers", bootstrap);
      producerProps.put("acks", "all");
      try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer())) {
        producer.send(new ProducerRecord<>("probe", "k", "hello")).get(20, TimeUnit.SECONDS);
      }
      Properties consumerProps = new Properties();
      consumerProps.put("bootstrap.servers", bootstrap);
      consumerProps.put("group.id", "probe-reader");
      consumerProps.put("auto.offset.reset", "earliest");
      try (var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
        consumer.subscribe(List.of("probe"));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String seen = null;
        while (seen == null && System.nanoTime() < deadline) {
          ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
          for (var r : records) {
            seen = r.value();
          }
        }
        assertThat(seen).isEqualTo("hello");
      }
    }
  }
}
