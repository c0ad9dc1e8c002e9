package org.ccsync.status.platform;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;

/** Answers per-district settings, falling back to the defaults for a district that is not configured. */
@ApplicationScoped
public class Districts {

    private final StatusConfig config;

    public Districts(StatusConfig config) {
        this.config = config;
    }

    public ZoneId zone(String tenant) {
        StatusConfig.District district = config.districts().get(tenant);
        return district == null ? config.defaultTimeZone() : district.timeZone();
    }

    public boolean dailySyncDefault(String tenant) {
        StatusConfig.District district = config.districts().get(tenant);
        return district != null && district.dailySyncDefault();
    }
}
