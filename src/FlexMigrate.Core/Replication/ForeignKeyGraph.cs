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
    /// source's information_schema (REFERENTIAL_CONSTRAINTS for the rules, KEY_COLUMN_USAGE for the column order,
    /// COLUMNS for the child columns' collations).
    /// </summary>
    public static async Task<ForeignKeyGraph> ReadAsync(
        MySqlConnection source, IReadOnlyList<string> databases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(databases);
        if (databases.Count == 0)
        {
            return new ForeignKeyGraph([]);
        }

        await using var command = new MySqlCommand(ForeignKeyQuery(databases.Count), source);
        for (var i = 0; i < databases.Count; i++)
        {
            command.Parameters.AddWithValue($"@d{i}", databases[i]);
        }

        var rows = new List<KeyColumnRow>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new KeyColumnRow(
                    new TableId(reader.GetString(0), reader.GetString(1)),
                    reader.GetString(2),
                    ForeignKeyRules.Parse(reader.GetString(3)),
                    ForeignKeyRules.Parse(reader.GetString(4)),
                    new ForeignKeyColumn(reader.GetString(5), NullableString(reader, 9), NullableString(reader, 10)),
                    new TableId(reader.GetString(6), reader.GetString(7)),
                    reader.GetString(8)));
            }
        }

        var inScope = new HashSet<string>(databases, StringComparer.Ordinal);
        var edges = rows
            .GroupBy(r => (r.Child, r.Name))
            .Select(g => g.ToList())
            .Where(g => inScope.Contains(g[0].Parent.Database))
            .Select(g => new ForeignKeyEdge(
                g[0].Name, g[0].Child, [.. g.Select(r => r.Column)], g[0].Parent,
                [.. g.Select(r => r.ReferencedColumn)], g[0].OnUpdate, g[0].OnDelete));
        return new ForeignKeyGraph(edges);
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

    private static string? NullableString(MySqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static string ForeignKeyQuery(int databaseCount)
    {
        var list = string.Join(", ", Enumerable.Range(0, databaseCount).Select(i => $"@d{i}"));
        return $"""
            SELECT rc.CONSTRAINT_SCHEMA, rc.TABLE_NAME, rc.CONSTRAINT_NAME, rc.UPDATE_RULE, rc.DELETE_RULE,
                   k.COLUMN_NAME, k.REFERENCED_TABLE_SCHEMA, k.REFERENCED_TABLE_NAME, k.REFERENCED_COLUMN_NAME,
                   c.CHARACTER_SET_NAME, c.COLLATION_NAME
            FROM information_schema.REFERENTIAL_CONSTRAINTS rc
            JOIN information_schema.KEY_COLUMN_USAGE k
              ON k.CONSTRAINT_SCHEMA = rc.CONSTRAINT_SCHEMA AND k.TABLE_NAME = rc.TABLE_NAME
             AND k.CONSTRAINT_NAME = rc.CONSTRAINT_NAME AND k.REFERENCED_TABLE_NAME IS NOT NULL
            JOIN information_schema.COLUMNS c
              ON c.TABLE_SCHEMA = k.TABLE_SCHEMA AND c.TABLE_NAME = k.TABLE_NAME AND c.COLUMN_NAME = k.COLUMN_NAME
            WHERE rc.CONSTRAINT_SCHEMA IN ({list})
            ORDER BY rc.CONSTRAINT_SCHEMA, rc.TABLE_NAME, rc.CONSTRAINT_NAME, k.ORDINAL_POSITION
            """;
    }

    private sealed record KeyColumnRow(
        TableId Child,
        string Name,
        ForeignKeyRule OnUpdate,
        ForeignKeyRule OnDelete,
        ForeignKeyColumn Column,
        TableId Parent,
        string ReferencedColumn);
}
