package org.schoolesia.school.api;

import java.util.List;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.schoolesia.school.kernel.ClearSnilsConversion;

public class SchoolEntityProviderFactory implements JpaEntityProviderFactory {

    static final String ID = "school-entities";
    private static final SchoolEntityProvider PROVIDER = new SchoolEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    /** After Liquibase (change set 015): SNILS an older version stored in clear become keyed hashes. */
    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(event -> {
            if (event instanceof PostMigrationEvent) {
                CLEAR_SNILS.forEach(table -> ClearSnilsConversion.convert(factory, table));
            }
        });
    }

    static final List<ClearSnilsConversion.Table> CLEAR_SNILS = List.of(
            new ClearSnilsConversion.Table("SCHOOL_SNILS", "USER_ID", false, null),
            new ClearSnilsConversion.Table("SCHOOL_CARD_PARENT_SNILS", "ID", false, "SNILS_MASKED"),
            new ClearSnilsConversion.Table("SCHOOL_ACCESS_REQUEST", "ID", true, null));

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
