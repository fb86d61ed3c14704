namespace FlexMigrate.Core.Schema;

/// <summary>
/// Everything about one source table the migration needs. Small and JSON round-trippable so it can travel in
/// durable payloads; <see cref="CreateStatement"/> (SHOW CREATE TABLE) is the source of truth for DDL, the structured
/// fields serve copy planning, validation and reports.
/// </summary>
/// <param name="Name">Database and table.</param>
/// <param name="Engine">Storage engine on the source.</param>
/// <param name="RowFormat">Actual row format (information_schema.TABLES.ROW_FORMAT), or null.</param>
/// <param name="CharacterSet">Table default character set.</param>
/// <param name="Collation">Table default collation.</param>
/// <param name="Comment">Table comment.</param>
/// <param name="IsPartitioned">Partitioned table.</param>
/// <param name="AutoIncrement">Next AUTO_INCREMENT value from SHOW CREATE TABLE, or null when the table has none.</param>
/// <param name="EstimatedRows">Row estimate (information_schema.TABLES.TABLE_ROWS; InnoDB's is approximate).</param>
/// <param name="DataBytes">DATA_LENGTH.</param>
/// <param name="IndexBytes">INDEX_LENGTH.</param>
/// <param name="CreateStatement">SHOW CREATE TABLE text, read with sql_mode='' and time_zone '+00:00'.</param>
/// <param name="Columns">Columns in order.</param>
/// <param name="PrimaryKey">The primary key, or null.</param>
/// <param name="Indexes">Every other index, in the server's order.</param>
/// <param name="ForeignKeys">Foreign keys of this (child) table.</param>
public sealed record TableSchema(
    ObjectName Name,
    string Engine,
    string? RowFormat,
    string CharacterSet,
    string Collation,
    string Comment,
    bool IsPartitioned,
    long? AutoIncrement,
    long EstimatedRows,
    long DataBytes,
    long IndexBytes,
    string CreateStatement,
    IReadOnlyList<ColumnSchema> Columns,
    IndexSchema? PrimaryKey,
    IReadOnlyList<IndexSchema> Indexes,
    IReadOnlyList<ForeignKeySchema> ForeignKeys);
