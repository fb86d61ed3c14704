namespace FlexMigrate.Core.Precheck;

/// <summary>One column of a source table (information_schema.COLUMNS).</summary>
internal sealed record ColumnFacts(
    string Name,
    string DataType,
    string ColumnType,
    bool Nullable,
    string? CharacterSet,
    string? Collation,
    string? Default,
    bool IsAutoIncrement);

/// <summary>
/// One source table in scope. <see cref="Type"/> is information_schema.TABLES.TABLE_TYPE: "BASE TABLE",
/// "SYSTEM VERSIONED" or "SEQUENCE" (both MariaDB-only). Row and byte counts are the server's estimates.
/// </summary>
internal sealed record TableFacts(
    string Database,
    string Name,
    string Type,
    string? Engine,
    long Rows,
    long Bytes,
    string? Collation,
    bool HasPrimaryKey,
    bool HasNonNullUniqueKey,
    IReadOnlyList<ColumnFacts> Columns)
{
    public string FullName => $"{Database}.{Name}";
}

/// <summary>Kinds of stored objects that carry a definer.</summary>
internal enum StoredObjectKind
{
    View,
    Procedure,
    Function,
    Trigger,
    Event,
}

/// <summary>
/// A view, routine, trigger or event. <see cref="Body"/> is null when the user may not read it (routines of other
/// definers without the privilege to see them).
/// </summary>
internal sealed record StoredObjectFacts(
    StoredObjectKind Kind,
    string Database,
    string Name,
    string Definer,
    string SecurityType,
    string? Body,
    string? TimeZone,
    string? CollationConnection)
{
    public string FullName => $"{Database}.{Name}";

    public string KindName => Kind.ToString().ToLowerInvariant();
}

/// <summary>A database in scope with its defaults.</summary>
internal sealed record DatabaseFacts(string Name, string CharacterSet, string Collation);

/// <summary>
/// What the precheck knows of the source schema in scope: the databases asked for, filtered by the table patterns
/// (read by <see cref="SchemaInspector"/>; not the migration's <see cref="Schema.SourceSchema"/>, which holds the DDL).
/// </summary>
internal sealed record SchemaFacts(
    IReadOnlyList<DatabaseFacts> Databases,
    IReadOnlyList<string> MissingDatabases,
    IReadOnlyList<TableFacts> Tables,
    IReadOnlyList<StoredObjectFacts> Objects)
{
    public static SchemaFacts Empty { get; } = new([], [], [], []);
}
