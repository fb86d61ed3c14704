namespace FlexMigrate.Core.Binlog;

/// <summary>Kind of row change.</summary>
public enum RowOperation
{
    Insert,
    Update,
    Delete,
}

/// <summary>
/// One column of a row event as the binlog describes it. <see cref="CollationId"/> is the column's collation (63 =
/// binary) so string bytes can be written back without transcoding.
/// </summary>
public sealed record BinlogColumn(string Name, ColumnType Type, bool IsUnsigned, int CollationId, int Metadata)
{
    public bool IsBinary => CollationId == 63;

    /// <summary>ENUM/SET member names when the binlog carries them (binlog_row_metadata=FULL), else null.</summary>
    public IReadOnlyList<string>? Members { get; init; }
}

/// <summary>A change in a transaction, in stream order: a row change or a statement (DDL).</summary>
public abstract record BinlogChange(string Database);

/// <summary>
/// One row inserted, updated or deleted. Values line up with <see cref="Columns"/>; each is null (SQL NULL), or:
/// long/ulong (integers, by signedness), float, double, string (DECIMAL exact text; DATE/TIME/DATETIME/TIMESTAMP
/// literals such as '0000-00-00 00:00:00.000000' or '-838:59:59', TIMESTAMP in UTC), byte[] (CHAR/VARCHAR/TEXT/BLOB/
/// BINARY/GEOMETRY bytes; BINARY padding restored), ulong (BIT, SET bitmask), int (ENUM 1-based index, YEAR),
/// string (MySQL JSON as JSON text). Each is a MySqlConnector parameter value that writes the same bits back.
/// </summary>
public sealed record RowChange(string Database, string Table, RowOperation Operation, IReadOnlyList<BinlogColumn> Columns,
    object?[]? Before, object?[]? After) : BinlogChange(Database)
{
    /// <summary>Primary key column indexes when the binlog says (binlog_row_metadata=FULL), else empty.</summary>
    public IReadOnlyList<int> PrimaryKey { get; init; } = [];

    /// <summary>The statement that made the change (MariaDB ANNOTATE_ROWS when requested), else null.</summary>
    public string? Statement { get; init; }
}

/// <summary>
/// A statement from a QUERY event other than BEGIN/COMMIT (DDL), with the session's default database.
/// <see cref="Sql"/> is its text for reading; <see cref="Statement"/> and <see cref="Session"/> are what replaying it
/// exactly needs: the bytes the source client sent and the session state the event logged.
/// </summary>
public sealed record DdlChange(string Database, string Sql) : BinlogChange(Database)
{
    /// <summary>The statement's bytes in its client's character set (null when built from text).</summary>
    public Sql.StatementBytes? Statement { get; init; }

    /// <summary>The source session it ran in: sql_mode, character set and collations, time zone, time (null when not known).</summary>
    public Sql.SessionState? Session { get; init; }
}

/// <summary>
/// A committed transaction: its changes in stream order and where it ends. Resume after it with
/// <see cref="BinlogStartPosition.At"/>(<see cref="EndPosition"/>) or with the GTID state.
/// </summary>
public sealed record BinlogTransaction(BinlogPosition EndPosition, string? Gtid, DateTimeOffset Timestamp, IReadOnlyList<BinlogChange> Changes)
{
    /// <summary>MariaDB GTID position after this transaction (all domains), when streaming from MariaDB with GTIDs.</summary>
    public MariaDbGtidPosition? MariaDbGtidPosition { get; init; }
}
