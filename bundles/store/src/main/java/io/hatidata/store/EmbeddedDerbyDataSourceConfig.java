package io.hatidata.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(
        name = "HatiData embedded store",
        description = "The embedded Apache Derby database that holds the control plane, audit, billing and the webhook outbox.")
@interface EmbeddedDerbyDataSourceConfig {

    @AttributeDefinition(
            name = "Data folder",
            description = "The product's data folder; blank means $HATIDATA_DATA_DIR, else hatidata under Karaf's data folder.")
    String dataDir() default "";

    @AttributeDefinition(
            name = "Database folder name",
            description = "The Derby database's folder inside the data folder.")
    String databaseName() default "controlplane";

    @AttributeDefinition(
            name = "Service name",
            description = "Value of the hatidata.datasource service property; consumers select the store by it.")
    String hatidata_datasource() default "control-plane";
}
