package io.omnijourney.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The machine's PostgreSQL, where each benchmark part gets a database of its own, created fresh. */
record BenchDatabase(String adminUrl, String user, String password) {

  String host() {
    return hostPort().split(":")[0];
  }

  int port() {
    String[] parts = hostPort().split(":");
    return parts.length > 1 ? Integer.parseInt(parts[1]) : 5432;
  }

  private String hostPort() {
    String rest = adminUrl.substring("jdbc:postgresql://".length());
    return rest.substring(0, rest.indexOf('/'));
  }

  String url(String database) {
    return adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + database;
  }

  void recreate(String database) {
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    admin("CREATE DATABASE " + database);
  }

  void drop(String database) {
    admin("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
  }

  long sizeBytes(String database) {
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_database_size('" + database + "')")) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  String version() {
    try (Connection c = DriverManager.getConnection(adminUrl, user, password);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void admin(String sql) {
    try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }
}
