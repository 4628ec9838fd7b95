package live.blossom.edge.rtmp;

import java.util.List;

/** Data message (type 18, or 15 for AMF3-wrapped AMF0): e.g. {@code @setDataFrame, onMetaData, {...}}. */
public record DataMessage(int streamId, long timestamp, List<Object> values) implements RtmpMessage {

    public DataMessage {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    public static DataMessage of(int streamId, Object... values) {
        return new DataMessage(streamId, 0, java.util.Arrays.asList(values));
    }

    /** The first value when it is a string (the handler name), else "". */
    public String name() {
        return !values.isEmpty() && values.get(0) instanceof String s ? s : "";
    }

    @Override
    public int typeId() {
        return MessageType.DATA_AMF0;
    }
}
