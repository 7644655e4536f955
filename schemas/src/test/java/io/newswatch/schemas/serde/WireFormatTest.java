package io.newswatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void shouldReadTheBigEndianSchemaIdWhenTheHeaderIsValid() {
    byte[] payload = {0, 0, 0, 1, 2, 42};
    assertThat(WireFormat.schemaId(payload)).isEqualTo(258);
  }

  @Test
  void shouldRoundTripTheHeader() {
    byte[] payload = new byte[6];
    WireFormat.writeHeader(payload, 123_456_789);
    assertThat(payload[0]).isZero();
    assertThat(WireFormat.schemaId(payload)).isEqualTo(123_456_789);
  }

  @Test
  void shouldExplainWhenTheMagicByteIsWrong() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {7, 0, 0, 0, 1, 2}))
        .isInstanceOf(WireFormat.NotWireFormatException.class)
        .hasMessageContaining("magic byte 0x07");
  }

  @Test
  void shouldExplainWhenThePayloadIsTooShort() {
    assertThatThrownBy(() -> WireFormat.schemaId(new byte[] {0, 0}))
        .isInstanceOf(WireFormat.NotWireFormatException.class)
        .hasMessageContaining("too short");
  }
}
