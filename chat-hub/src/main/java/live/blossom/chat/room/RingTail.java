package live.blossom.chat.room;

/**
 * Where a room's ring stands: which life of the ring it is ({@code epoch}, the same on every node)
 * and the last sequence written in it (-1 while it is empty).
 */
public record RingTail(String epoch, long last) {
}
