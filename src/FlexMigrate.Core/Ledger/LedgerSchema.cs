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
    internal const string Migrations = "`" + Database + "`.`" + MigrationsTable + "`";
    internal const string Chunks = "`" + Database + "`.`" + ChunksTable + "`";
    internal const string Steps = "`" + Database + "`.`" + StepsTable + "`";
    internal const string Runs = "`" + Database + "`.`" + RunsTable + "`";
    private const string MigrationsTable = "migration_ledger";
    private const string ChunksTable = "migration_chunk";
    private const string StepsTable = "migration_step";
    private const string RunsTable = "migration_run";

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

    private static readonly string[] TableNames = [MigrationsTable, ChunksTable, StepsTable, RunsTable];

    /// <summary>
    /// Creates the state database and the ledger tables when missing (idempotent, any number of callers). Every start
    /// of a migration calls this: when the ledger is there (every run after a target's first) it costs one query and
    /// writes nothing, where the DDL would take a metadata lock and a binlog event per table; when a table is missing
    /// the whole DDL goes in one round trip.
    /// </summary>
    public static async Task EnsureAsync(MySqlConnection target, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (await CountExistingAsync(target, cancellationToken).ConfigureAwait(false) == TableNames.Length)
        {
            return;
        }

        await LedgerSql.ExecuteAsync(target, null, $"CREATE DATABASE IF NOT EXISTS `{Database}`;\n{string.Join(";\n", Tables)}", cancellationToken)
            .ConfigureAwait(false);
    }

    private static async Task<long> CountExistingAsync(MySqlConnection target, CancellationToken cancellationToken)
    {
        await using var command = LedgerSql.Command(target, null, $"""
            SELECT COUNT(*) FROM information_schema.TABLES
            WHERE TABLE_SCHEMA = @db AND TABLE_NAME IN ({string.Join(", ", TableNames.Select((_, i) => $"@t{i}"))})
            """, [("@db", Database), .. TableNames.Select((name, i) => ($"@t{i}", (object?)name))]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }
}
