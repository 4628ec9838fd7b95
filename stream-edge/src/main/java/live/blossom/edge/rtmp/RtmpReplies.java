package live.blossom.edge.rtmp;

import java.util.LinkedHashMap;
import java.util.Map;

/** The command replies RTMP clients expect, built in one place. */
final class RtmpReplies {

    private RtmpReplies() {
    }

    static CommandMessage connectResult(double txn) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("fmsVer", "FMS/3,5,7,7009");
        properties.put("capabilities", 31.0);
        properties.put("mode", 1.0);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "status");
        info.put("code", "NetConnection.Connect.Success");
        info.put("description", "Connection succeeded.");
        info.put("objectEncoding", 0.0);
        return CommandMessage.of(0, "_result", txn, properties, info);
    }

    static CommandMessage connectRejected(double txn, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", "error");
        info.put("code", "NetConnection.Connect.Rejected");
        info.put("description", description);
        return CommandMessage.of(0, "_error", txn, null, info);
    }

    static CommandMessage result(double txn, Object value) {
        return CommandMessage.of(0, "_result", txn, null, value);
    }

    static CommandMessage status(int streamId, String level, String code, String description) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("level", level);
        info.put("code", code);
        info.put("description", description);
        return CommandMessage.of(streamId, "onStatus", 0, null, info);
    }
}
