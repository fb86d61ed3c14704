using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The one place replay reaches the foreign-key cascade emulation (<see cref="CascadeEmulator"/>). The binlog holds
/// no row events for InnoDB cascades (MariaDB 10.11 logs only the parent DELETE), and the applier session runs with
/// foreign_key_checks=0 so the target's own foreign keys never act: for parents that other tables reference with
/// ON DELETE/UPDATE CASCADE or SET NULL the effect is reproduced before the parent row changes. Tables without such
/// references skip the call (the common case, and the fast path of batching).
/// </summary>
internal sealed class CascadeCalls
{
    private readonly ForeignKeyGraph _graph;
    private readonly CascadeEmulator _emulator;

    private CascadeCalls(ForeignKeyGraph graph)
    {
        _graph = graph;
        _emulator = new CascadeEmulator(graph);
    }

    /// <summary>No foreign key acts on anything: every call is skipped.</summary>
    public static CascadeCalls None { get; } = new(new ForeignKeyGraph([]));

    /// <summary>The cascades of <paramref name="graph"/>'s foreign keys.</summary>
    public static CascadeCalls Of(ForeignKeyGraph graph) => new(graph);

    /// <summary>The table's foreign-key family (<see cref="ForeignKeyGraph.FamilyOf"/>), null when no foreign key touches it.</summary>
    public TableId? FamilyOf(string database, string table) => _graph.FamilyOf(new TableId(database, table));

    /// <summary>True when deleting a row of the table may cascade.</summary>
    public bool OnDelete(string database, string table) => _graph.HasDeleteActionsOn(database, table);

    /// <summary>True when updating a row of the table may cascade.</summary>
    public bool OnUpdate(string database, string table) => _graph.HasUpdateActionsOn(database, table);

    public Task<long> BeforeDeleteAsync(MySqlConnection target, MySqlTransaction transaction, string database, string table,
        IReadOnlyDictionary<string, object?> row, CancellationToken cancellationToken) =>
        _emulator.BeforeDeleteAsync(target, transaction, database, table, row, cancellationToken);

    public Task<long> BeforeUpdateAsync(MySqlConnection target, MySqlTransaction transaction, string database, string table,
        IReadOnlyDictionary<string, object?> before, IReadOnlyDictionary<string, object?> after, CancellationToken cancellationToken) =>
        _emulator.BeforeUpdateAsync(target, transaction, database, table, before, after, cancellationToken);
}
