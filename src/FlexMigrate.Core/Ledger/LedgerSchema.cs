using FlexMigrate.Core.Replication;
using MySqlConnector;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// The progress ledger's tables on the target, in <c>flexmigrate_state</c> beside the replication checkpoint
/// (<see cref="CheckpointStore"/>). All InnoDB, so a chunk's completion commits in the same transaction as its rows.
/// Nothing secret is stored: servers are identified by what they report about themselves and the address the
/// user gave (host:port), connections travel by name.
/// <list type="bullet">
/// <item><c>migration_ledger</c>: one row per migration: identity (servers, scope, options), the host's request,
/// phase and status.</item>
/// <item><c>migration_chunk</c>: the copy plan, one row per key-range chunk with its bounds; attempts and the
/// completion (rows, bytes, run) written with the chunk's rows.</item>
/// <item><c>migration_step</c>: what exists on the target or was recorded once: tables created, indexes added,
/// metadata, the online positions (P0, copy end), each with an optional value.</item>
/// <item><c>migration_run</c>: one row per run of the migration (the first and every resume).</item>
/// </list>
/// </summary>
public static class LedgerSchema
{
    public const string Database = CheckpointStore.Database;
    internal const string Migrations = "`" + Database + "`.`migration_ledger`";
    internal const string Chunks = "`" + Database + "`.`migration_chunk`";
    internal const string Steps = "`" + Database + "`.`migration_step`";
    internal const string Runs = "`" + Database + "`.`migration_run`";

    // Identifiers: ascii_bin ids; database and table names as utf8mb4_bin so names differing only in case (on a
    // case-sensitive server) are distinct rows, as they are distinct tables.
    private const string Id = "migration_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL";
    private const string Name = "VARCHAR(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL";

    private static readonly string[] Tables =
    [
        $"""
        CREATE TABLE IF NOT EXISTS {Migrations} (
          {Id} PRIMARY KEY,
          mode VARCHAR(16) NOT NULL,
          identity_json MEDIUMTEXT NOT NULL,
          request_json MEDIUMTEXT NOT NULL,
          phase VARCHAR(64) NOT NULL,
          status VARCHAR(16) NOT NULL,
          created_at DATETIME(6) NOT NULL,
          updated_at DATETIME(6) NOT NULL
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Chunks} (
          {Id},
          db {Name},
          tbl {Name},
          chunk_index INT NOT NULL,
          chunk_count INT NOT NULL,
          bounds_json MEDIUMTEXT NOT NULL,
          attempts INT NOT NULL DEFAULT 0,
          copied_rows BIGINT NULL,
          copied_bytes BIGINT NULL,
          copied_at DATETIME(6) NULL,
          copied_in_run INT NULL,
          PRIMARY KEY (migration_id, db, tbl, chunk_index)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Steps} (
          {Id},
          step VARCHAR(512) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
          value MEDIUMTEXT NULL,
          done_at DATETIME(6) NOT NULL,
          done_in_run INT NOT NULL,
          PRIMARY KEY (migration_id, step(255))
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """,
        $"""
        CREATE TABLE IF NOT EXISTS {Runs} (
          {Id},
          run INT NOT NULL,
          instance_id VARCHAR(128) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
          started_at DATETIME(6) NOT NULL,
          resumed_from_phase VARCHAR(64) NULL,
          chunks_skipped INT NOT NULL DEFAULT 0,
          chunks_redone INT NOT NULL DEFAULT 0,
          ended_at DATETIME(6) NULL,
          outcome VARCHAR(16) NULL,
          PRIMARY KEY (migration_id, run)
        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4
        """,
    ];

    /// <summary>Creates the state database and the ledger tables when missing (idempotent, any number of callers).</summary>
    public static async Task EnsureAsync(MySqlConnection target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        await LedgerSql.ExecuteAsync(target, null, $"CREATE DATABASE IF NOT EXISTS `{Database}`", cancellationToken).ConfigureAwait(false);
        foreach (var ddl in Tables)
        {
            await LedgerSql.ExecuteAsync(target, null, ddl, cancellationToken).ConfigureAwait(false);
        }
    }
}
