package io.stampede.contracts.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContractMessagesTest {

  @Test
  void dropStateSurvivesTheWireAndUnknownFieldsAreKept() throws Exception {
    DropState state = DropState.newBuilder()
        .setDropId("d1").setStatus(DropStatus.DROP_STATUS_LIVE).setVersion(7).setStartsAtEpochMillis(1000)
        .addItems(DropItemState.newBuilder().setProductId("p1").setStock(500).setPerUserLimit(2)
            .setPriceCents(4999).setCurrency("EUR"))
        .build();

    assertThat(DropState.parseFrom(state.toByteArray())).isEqualTo(state);

    // A newer sender may add fields: an older reader keeps and ignores them.
    byte[] withExtra = state.toBuilder().setUnknownFields(com.google.protobuf.UnknownFieldSet.newBuilder()
        .addField(99, com.google.protobuf.UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build())
        .build().toByteArray();
    assertThat(DropState.parseFrom(withExtra).getDropId()).isEqualTo("d1");
  }
}
