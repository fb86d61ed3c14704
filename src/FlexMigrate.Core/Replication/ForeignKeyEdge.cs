namespace FlexMigrate.Core.Replication;

/// <summary>
/// One foreign key: <paramref name="Child"/>(<paramref name="Columns"/>) references
/// <paramref name="Parent"/>(<paramref name="ReferencedColumns"/>), columns in constraint order.
/// </summary>
public sealed record ForeignKeyEdge(
    string Name,
    TableId Child,
    IReadOnlyList<ForeignKeyColumn> Columns,
    TableId Parent,
    IReadOnlyList<string> ReferencedColumns,
    ForeignKeyRule OnUpdate,
    ForeignKeyRule OnDelete)
{
    public override string ToString() =>
        $"{Name} ON {Child}({string.Join(", ", Columns.Select(c => c.Name))}) REFERENCES {Parent}({string.Join(", ", ReferencedColumns)})";
}
