namespace FlexMigrate.Core.Binlog;

/// <summary>Tuning and behaviour of <see cref="BinlogClient.ReadTransactionsAsync"/>.</summary>
public sealed record BinlogReadOptions
{
    /// <summary>
    /// server_id presented to the source. Null picks a random id in 2^30..2^32-16 that differs from the source's own id
    /// and its registered replicas: the source kills any other dump thread with the same id, so a collision would stop a
    /// real replica.
    /// </summary>
    public uint? ServerId { get; init; }

    /// <summary>The source sends a heartbeat after this much idle time; keep it well under <see cref="ReadTimeout"/>.</summary>
    public TimeSpan HeartbeatInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>No packet for this long means the connection is dead (then reconnect).</summary>
    public TimeSpan ReadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Stop at the end of the log as it is when each connection starts reading (non-blocking dump).</summary>
    public bool StopAtEnd { get; init; }

    /// <summary>Reconnect attempts after a lost connection before giving up (each resumes at the last committed transaction).</summary>
    public int MaxReconnectAttempts { get; init; } = 10;

    public TimeSpan ReconnectDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Only databases accepted by this filter produce row changes and DDL (null: all).</summary>
    public Func<string, bool>? DatabaseFilter { get; init; }

    /// <summary>Statements kept whatever <see cref="DatabaseFilter"/> says (account statements, which belong to no database).</summary>
    public Func<string, bool>? KeepStatement { get; init; }

    /// <summary>
    /// Take column names, signedness and charsets from information_schema even when the binlog carries them
    /// (binlog_row_metadata=FULL). Off by default: binlog metadata is exact for the event; the catalog is the current schema.
    /// </summary>
    public bool PreferCatalogSchema { get; init; }

    /// <summary>MariaDB: ask for ANNOTATE_ROWS events so each row change carries the statement that made it.</summary>
    public bool IncludeStatements { get; init; }
}
