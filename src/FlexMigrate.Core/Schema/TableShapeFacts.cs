namespace FlexMigrate.Core.Schema;

/// <summary>
/// A table's columns, keys and row estimate as information_schema describes them on one server
/// (<see cref="TableSchemaQueries.ReadShapesAsync"/>): what the copy spec, validation and replication derive their
/// own views from, through <see cref="RowIdentity"/> for the key.
/// </summary>
/// <param name="Name">Database and table.</param>
/// <param name="EstimatedRows">TABLE_ROWS (InnoDB's is approximate).</param>
/// <param name="Columns">Columns in ordinal order.</param>
/// <param name="PrimaryKey">The primary key, or null.</param>
/// <param name="Indexes">Every other index.</param>
/// <param name="TableType">TABLE_TYPE: "BASE TABLE", or MariaDB's "SEQUENCE" / "SYSTEM VERSIONED".</param>
/// <param name="Engine">Storage engine, or null.</param>
/// <param name="Bytes">DATA_LENGTH + INDEX_LENGTH.</param>
/// <param name="Collation">The table's default collation, or null.</param>
public sealed record TableShapeFacts(
    ObjectName Name,
    long EstimatedRows,
    IReadOnlyList<ColumnSchema> Columns,
    IndexSchema? PrimaryKey,
    IReadOnlyList<IndexSchema> Indexes,
    string TableType = "BASE TABLE",
    string? Engine = null,
    long Bytes = 0,
    string? Collation = null)
{
    /// <summary>The shape of a table read whole (<see cref="TableSchemaQueries.ReadAsync"/>): the same columns and keys.</summary>
    public static TableShapeFacts Of(TableSchema table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new TableShapeFacts(table.Name, table.EstimatedRows, table.Columns, table.PrimaryKey, table.Indexes,
            "BASE TABLE", table.Engine, table.DataBytes + table.IndexBytes, table.Collation)
        {
            Comment = table.Comment,
            ForeignKeys = table.ForeignKeys,
        };
    }

    /// <summary>TABLE_COMMENT (empty when none).</summary>
    public string Comment { get; init; } = "";

    /// <summary>Foreign keys of this (child) table; read only where asked (<see cref="TableSchemaQueries.ReadDefinitionsAsync"/>).</summary>
    public IReadOnlyList<ForeignKeySchema> ForeignKeys { get; init; } = [];

    /// <summary>The column named <paramref name="name"/> (column names are case-insensitive in MySQL), or null.</summary>
    public ColumnSchema? Column(string? name) =>
        name is null ? null : Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
