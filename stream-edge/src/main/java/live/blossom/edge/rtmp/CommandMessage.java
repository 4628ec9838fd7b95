package live.blossom.edge.rtmp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Command message (type 20, or 17 for AMF3-wrapped AMF0): a name, a transaction id and the
 * arguments after them (the command object, usually null for stream commands, comes first).
 */
public record CommandMessage(int streamId, long timestamp, String name, double transactionId, List<Object> arguments)
        implements RtmpMessage {

    public CommandMessage {
        java.util.Objects.requireNonNull(name, "name");
        arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
    }

    public static CommandMessage of(int streamId, String name, double transactionId, Object... arguments) {
        return new CommandMessage(streamId, 0, name, transactionId, Arrays.asList(arguments));
    }

    /** The argument at index i, or null when absent. */
    public Object argument(int i) {
        return i < arguments.size() ? arguments.get(i) : null;
    }

    @Override
    public int typeId() {
        return MessageType.COMMAND_AMF0;
    }
}
