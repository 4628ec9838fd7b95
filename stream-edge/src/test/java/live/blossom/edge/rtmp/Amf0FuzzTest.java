package live.blossom.edge.rtmp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Arbitrary bytes into the AMF0 reader: either an {@link Amf0Exception} or values that the
 * writer turns back into bytes the reader reads as the same values.
 */
class Amf0FuzzTest {

    @FuzzTest(maxDuration = "15s")
    void readWriteRead(byte[] input) {
        List<Object> values;
        try {
            values = new Amf0Reader(16, 512).readAll(Unpooled.wrappedBuffer(input));
        } catch (Amf0Exception expected) {
            return;
        }
        ByteBuf out = Unpooled.buffer();
        Amf0Writer.writeAll(out, values);
        List<Object> again = new Amf0Reader(16, 4096).readAll(out);
        if (!String.valueOf(again).equals(String.valueOf(values))) {
            throw new IllegalStateException("round trip changed " + values + " into " + again);
        }
    }
}
