package com.couchcart.testing;

import org.eclipse.microprofile.config.ConfigProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** Plain JDBC connections to the test PostgreSQL server, to look at what the service stored. */
public final class Database {

    private Database() {
    }

    /** A connection to the service's own test database. */
    public static Connection service() throws SQLException {
        return to(LocalStackTestResource.DATABASE);
    }

    public static Connection to(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:" + server() + "/" + database, user(), "");
    }

    public static String server() {
        return ConfigProvider.getConfig().getValue(LocalStackTestResource.POSTGRES_SERVER, String.class);
    }

    public static String user() {
        return ConfigProvider.getConfig().getValue(LocalStackTestResource.POSTGRES_USER, String.class);
    }
}
