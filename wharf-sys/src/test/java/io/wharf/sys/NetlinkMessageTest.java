package io.wharf.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetlinkMessageTest {
  @Test
  void attributesArePaddedToFourBytesAndNestedLengthsCoverTheirContent() {
    var message = new NetlinkMessage(16, NetlinkMessage.NLM_F_ACK).ifinfomsg(0, 0, 0, 0).putString(3, "br0");
    int info = message.begin(18);
    message.putString(1, "bridge").end(info);

    ByteBuffer bytes = message.finish(7);

    // 16 header + 16 ifinfomsg + 8 ("br0\0") + 4 nest header + 12 ("bridge\0" padded)
    assertThat(bytes.remaining()).isEqualTo(56);
    assertThat(bytes.getInt(0)).isEqualTo(56);
    assertThat(bytes.getShort(4)).isEqualTo((short) 16);
    assertThat(bytes.getShort(6)).isEqualTo((short) (NetlinkMessage.NLM_F_REQUEST | NetlinkMessage.NLM_F_ACK));
    assertThat(bytes.getInt(8)).isEqualTo(7);
    assertThat(bytes.getShort(40)).isEqualTo((short) 16);
    assertThat(bytes.getShort(44)).isEqualTo((short) 11);
  }

  @Test
  void attributesReadBackWhatWasWritten() {
    var message = new NetlinkMessage(16, 0).ifinfomsg(0, 0, 0, 0).putString(3, "eth0").putInt(10, 5);
    int info = message.begin(18);
    message.putString(1, "veth").end(info);
    ByteBuffer bytes = message.finish(1);
    ByteBuffer body = bytes.slice(NetlinkMessage.HEADER, bytes.remaining() - NetlinkMessage.HEADER)
        .order(ByteOrder.nativeOrder());

    Map<Integer, ByteBuffer> attributes = NetlinkMessage.attributes(body, 16);

    assertThat(NetlinkMessage.string(attributes.get(3))).isEqualTo("eth0");
    assertThat(attributes.get(10).getInt(0)).isEqualTo(5);
    assertThat(NetlinkMessage.string(NetlinkMessage.attributes(attributes.get(18), 0).get(1))).isEqualTo("veth");
  }
}
