package live.blossom.edge.rtmp;

/** User event fired when the handshake is complete; {@code digest} tells which kind was used. */
public record HandshakeDone(boolean digest) {
}
