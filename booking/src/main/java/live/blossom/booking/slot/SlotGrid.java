package live.blossom.booking.slot;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A studio's slot grid: bookings start and end on multiples of the slot length counted from local
 * midnight in the studio's zone (the slot length divides a day). Local, not UTC, so that a 60-minute
 * grid in a zone like Asia/Kolkata (+05:30) still lands on the full hour.
 */
public record SlotGrid(ZoneId zone, int slotMinutes) {

    public boolean onGrid(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        return local.getNano() == 0 && local.toLocalTime().toSecondOfDay() % (slotMinutes * 60) == 0;
    }

    /** The first grid point at or after the instant. */
    public Instant ceil(Instant instant) {
        if (onGrid(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(zone);
        int slotSeconds = slotMinutes * 60;
        long next = (local.toLocalTime().toSecondOfDay() / slotSeconds + 1L) * slotSeconds;
        Instant candidate = at(local, next);
        // In a DST overlap the same local time exists twice; never answer a point before the instant.
        return candidate.isBefore(instant) ? ceil(candidate.plusSeconds(slotSeconds)) : candidate;
    }

    /** The last grid point at or before the instant. */
    public Instant floor(Instant instant) {
        if (onGrid(instant)) {
            return instant;
        }
        ZonedDateTime local = instant.atZone(zone);
        int slotSeconds = slotMinutes * 60;
        long previous = (local.toLocalTime().toSecondOfDay() / slotSeconds) * (long) slotSeconds;
        Instant candidate = at(local, previous);
        return candidate.isAfter(instant) ? floor(candidate.minusSeconds(slotSeconds)) : candidate;
    }

    private Instant at(ZonedDateTime reference, long secondOfDay) {
        LocalDateTime local = reference.toLocalDate().atStartOfDay().plusSeconds(secondOfDay);
        return ZonedDateTime.ofLocal(local, zone, reference.getOffset()).toInstant();
    }
}
