package io.hatidata.webhooks;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook tables in the control-plane database ({@code dataSource.target} in
 * {@code etc/io.hatidata.webhooks.cfg}), migrated on activation; the other components of this bundle
 * reach the database only through it.
 */
@Component(configurationPid = WebhookPids.WEBHOOKS, service = WebhookDatabase.class)
public final class WebhookDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookDatabase.class);

    private final Jdbc jdbc;
    private final WebhookRows webhooks;
    private final Outbox outbox;

    @Activate
    public WebhookDatabase(@Reference(name = "dataSource") DataSource dataSource) throws SQLException {
        int before = WebhookSchema.migrate(dataSource);
        if (before == 0) {
            LOG.info("Created the webhook tables");
        }
        this.jdbc = new Jdbc(dataSource);
        this.webhooks = new WebhookRows();
        this.outbox = new Outbox();
    }

    Jdbc jdbc() {
        return jdbc;
    }

    WebhookRows webhooks() {
        return webhooks;
    }

    Outbox outbox() {
        return outbox;
    }
}
