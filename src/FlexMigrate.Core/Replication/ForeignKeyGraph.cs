using FlexMigrate.Core.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The foreign keys among the replicated databases, read from the SOURCE's information_schema, indexed by parent
/// table so the applier can ask which parent changes cascade. Only keys whose child and parent are both in scope
/// are kept: a cascade into a table that is not replicated has nothing to act on.
/// </summary>
public sealed class ForeignKeyGraph
{
    private static readonly IReadOnlyList<ForeignKeyEdge> None = [];
    private readonly List<ForeignKeyEdge> _edges = [];
    private readonly Dictionary<TableId, List<ForeignKeyEdge>> _byParent = [];
    private readonly Dictionary<TableId, HashSet<string>> _referencedColumns = [];
    private readonly Dictionary<TableId, TableId> _family = [];

    /// <summary>Builds a graph from known edges (tests and callers that already read the schema).</summary>
    public ForeignKeyGraph(IEnumerable<ForeignKeyEdge> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        foreach (var edge in edges)
        {
            _edges.Add(edge);
            Join(edge.Parent, edge.Child);
            if (!edge.OnDelete.ActsOnChildren() && !edge.OnUpdate.ActsOnChildren())
            {
                continue;
            }

            if (!_byParent.TryGetValue(edge.Parent, out var list))
            {
                _byParent[edge.Parent] = list = [];
            }

            list.Add(edge);
            if (!_referencedColumns.TryGetValue(edge.Parent, out var columns))
            {
                _referencedColumns[edge.Parent] = columns = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            }

            columns.UnionWith(edge.ReferencedColumns);
        }
    }

    /// <summary>Every foreign key in scope, RESTRICT / NO ACTION ones included.</summary>
    public IReadOnlyList<ForeignKeyEdge> Edges => _edges;

    /// <summary>
    /// Reads every foreign key whose child and parent tables are both in <paramref name="databases"/> from the
    /// source, through the one schema reader (<see cref="TableSchemaQueries.ReadDefinitionsAsync"/>: set queries per
    /// batch of databases, each compared with '=', so the server opens only that schema's tables; an IN list over information_schema's
    /// KEY_COLUMN_USAGE and COLUMNS made MariaDB open every table on the server), with the child columns' collations.
    /// </summary>
    public static async Task<ForeignKeyGraph> ReadAsync(
        MySqlConnection source, IReadOnlyList<string> databases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(databases);
        return Of(await TableSchemaQueries.ReadDefinitionsAsync(source, databases, cancellationToken), databases);
    }

    /// <summary>
    /// The graph of the foreign keys of <paramref name="tables"/> (read by <see cref="TableSchemaQueries.ReadDefinitionsAsync"/>)
    /// whose child and parent are both in <paramref name="databases"/>, with the child columns' collations.
    /// </summary>
    public static ForeignKeyGraph Of(IEnumerable<TableShapeFacts> tables, IReadOnlyList<string> databases)
    {
        ArgumentNullException.ThrowIfNull(tables);
        ArgumentNullException.ThrowIfNull(databases);
        var inScope = new HashSet<string>(databases, StringComparer.Ordinal);
        return new ForeignKeyGraph(tables
            .Where(table => inScope.Contains(table.Name.Database))
            .OrderBy(table => table.Name.Database, StringComparer.Ordinal)
            .SelectMany(table => table.ForeignKeys
                .Where(fk => inScope.Contains(fk.ReferencedTable.Database))
                .Select(fk => new ForeignKeyEdge(fk.Name, new TableId(table.Name.Database, table.Name.Name),
                    [.. fk.Columns.Select(c => new ForeignKeyColumn(c, table.Column(c)?.CharacterSet, table.Column(c)?.Collation))],
                    new TableId(fk.ReferencedTable.Database, fk.ReferencedTable.Name), [.. fk.ReferencedColumns],
                    ForeignKeyRules.Parse(fk.OnUpdate), ForeignKeyRules.Parse(fk.OnDelete)))));
    }

    /// <summary>
    /// The family of <paramref name="table"/>: every table linked to it by a chain of foreign keys (RESTRICT and NO
    /// ACTION ones included) has the same representative; null when no foreign key touches the table. The parallel
    /// applier keeps a family on one connection, so parents, children and emulated cascades keep source order.
    /// </summary>
    public TableId? FamilyOf(TableId table) => _family.ContainsKey(table) ? Root(table) : null;

    /// <summary>True when some foreign key referencing this table has CASCADE or SET NULL on delete or update.</summary>
    public bool HasActionsOn(string database, string table) => _byParent.ContainsKey(new TableId(database, table));

    /// <summary>True when deleting a row of this table may cascade (ON DELETE CASCADE / SET NULL on a referencing table).</summary>
    public bool HasDeleteActionsOn(string database, string table) =>
        ActionsOn(new TableId(database, table)).Any(fk => fk.OnDelete.ActsOnChildren());

    /// <summary>True when updating a row of this table may cascade (ON UPDATE CASCADE / SET NULL on a referencing table).</summary>
    public bool HasUpdateActionsOn(string database, string table) =>
        ActionsOn(new TableId(database, table)).Any(fk => fk.OnUpdate.ActsOnChildren());

    /// <summary>The foreign keys referencing <paramref name="parent"/> with CASCADE or SET NULL on delete or update.</summary>
    internal IReadOnlyList<ForeignKeyEdge> ActionsOn(TableId parent) =>
        _byParent.TryGetValue(parent, out var list) ? list : None;

    /// <summary>
    /// The columns of <paramref name="table"/> that foreign keys with actions reference: the only values a cascade
    /// into this table needs to read to cascade further.
    /// </summary>
    internal IReadOnlyCollection<string> ReferencedColumnsOf(TableId table) =>
        _referencedColumns.TryGetValue(table, out var set) ? set : [];

    private void Join(TableId a, TableId b)
    {
        var (rootA, rootB) = (Root(a), Root(b));
        if (rootA != rootB)
        {
            _family[rootA] = rootB;
        }
    }

    private TableId Root(TableId table)
    {
        while (true)
        {
            if (!_family.TryGetValue(table, out var parent))
            {
                _family[table] = table;
                return table;
            }

            if (parent == table)
            {
                return table;
            }

            table = parent;
        }
    }
}
