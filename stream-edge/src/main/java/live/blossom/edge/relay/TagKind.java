package live.blossom.edge.relay;

/** What a media tag carries; the numbers are the FLV tag types. */
public enum TagKind {
    AUDIO(8), VIDEO(9), DATA(18);

    private final int flvType;

    TagKind(int flvType) {
        this.flvType = flvType;
    }

    public int flvType() {
        return flvType;
    }
}
