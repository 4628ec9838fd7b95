package live.blossom.booking.grant;

/** Why a publish is not allowed, as a short reason the edge can log and tell the publisher. */
public final class GrantRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public GrantRefused(String reason) {
        super(reason, null, false, false); // an expected answer: no stack trace
    }
}
