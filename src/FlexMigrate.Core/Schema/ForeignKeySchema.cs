namespace FlexMigrate.Core.Schema;

/// <summary>One foreign key (information_schema.KEY_COLUMN_USAGE + REFERENTIAL_CONSTRAINTS).</summary>
/// <param name="Name">Constraint name.</param>
/// <param name="Columns">Child columns in order.</param>
/// <param name="ReferencedTable">Parent table; its database may differ from the child's.</param>
/// <param name="ReferencedColumns">Parent columns in order.</param>
/// <param name="OnUpdate">RESTRICT, CASCADE, SET NULL, NO ACTION, SET DEFAULT.</param>
/// <param name="OnDelete">As <paramref name="OnUpdate"/>.</param>
public sealed record ForeignKeySchema(
    string Name,
    IReadOnlyList<string> Columns,
    ObjectName ReferencedTable,
    IReadOnlyList<string> ReferencedColumns,
    string OnUpdate,
    string OnDelete);
