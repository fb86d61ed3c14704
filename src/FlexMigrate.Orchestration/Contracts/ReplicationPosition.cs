namespace FlexMigrate.Orchestration.Contracts;

/// <summary>
/// A point in the source's binary log as durable payloads carry it: "file:offset" text (the order used for every
/// comparison) and the server's GTID state at that point when known (informational, for humans and GTID resume).
/// </summary>
/// <param name="Position">Binlog file and offset, e.g. "mariadb-bin.000003:1542".</param>
/// <param name="Gtid">MariaDB gtid_binlog_pos or MySQL gtid_executed at that point, when known.</param>
public sealed record ReplicationPosition(string Position, string? Gtid = null);
