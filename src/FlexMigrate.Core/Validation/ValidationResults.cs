namespace FlexMigrate.Core.Validation;

/// <summary>Outcome of a table's data comparison.</summary>
public enum TableStatus
{
    /// <summary>Every row is present and equal on both servers.</summary>
    Equal,

    /// <summary>Rows are missing, extra or changed on the target.</summary>
    Different,

    /// <summary>The data could not be compared (see the message).</summary>
    Error,
}

/// <summary>Keys of rows that differ in one way; <see cref="Keys"/> lists the first few, <see cref="Total"/> counts all.</summary>
/// <param name="Total">Exact number of rows.</param>
/// <param name="Keys">Key values as text: a number, a 'quoted string', 0xHEX for bytes, (a, b) for composite keys.</param>
public sealed record DifferingKeys(long Total, IReadOnlyList<string> Keys)
{
    public static DifferingKeys None { get; } = new(0, []);
}

/// <summary>A row present on both servers whose values differ.</summary>
/// <param name="Key">Key value as text (see <see cref="DifferingKeys.Keys"/>).</param>
/// <param name="Columns">The columns whose values differ.</param>
public sealed record ChangedRow(string Key, IReadOnlyList<string> Columns);

/// <summary>Changed rows; <see cref="Rows"/> lists the first few, <see cref="Total"/> counts all.</summary>
public sealed record ChangedRows(long Total, IReadOnlyList<ChangedRow> Rows)
{
    public static ChangedRows None { get; } = new(0, []);
}

/// <summary>Result of comparing one chunk of one table.</summary>
/// <param name="ChunkIndex">Index into <see cref="TableValidationPlan.Chunks"/>.</param>
/// <param name="SourceRows">Rows of the chunk on the source.</param>
/// <param name="TargetRows">Rows of the chunk on the target.</param>
/// <param name="Missing">Rows on the source, not on the target.</param>
/// <param name="Extra">Rows on the target, not on the source.</param>
/// <param name="Changed">Rows on both whose values differ.</param>
public sealed record ChunkValidationResult(
    int ChunkIndex,
    long SourceRows,
    long TargetRows,
    DifferingKeys Missing,
    DifferingKeys Extra,
    ChangedRows Changed)
{
    public bool IsEqual => Missing.Total == 0 && Extra.Total == 0 && Changed.Total == 0;
}

/// <summary>Result of comparing one table's data. Small and serializable (lists are capped).</summary>
/// <param name="Database">Database name.</param>
/// <param name="Table">Table name.</param>
/// <param name="Status">Equal, different, or error.</param>
/// <param name="RowsCompared">Source rows compared.</param>
/// <param name="SourceRows">Rows on the source.</param>
/// <param name="TargetRows">Rows on the target.</param>
/// <param name="Chunks">Chunks compared.</param>
/// <param name="Missing">Rows on the source, not on the target.</param>
/// <param name="Extra">Rows on the target, not on the source.</param>
/// <param name="Changed">Rows on both whose values differ, with the differing columns.</param>
/// <param name="Message">Why the table could not be compared, or how it was compared when noteworthy.</param>
/// <param name="Seconds">Wall time spent on this table.</param>
public sealed record TableValidationResult(
    string Database,
    string Table,
    TableStatus Status,
    long RowsCompared,
    long SourceRows,
    long TargetRows,
    int Chunks,
    DifferingKeys Missing,
    DifferingKeys Extra,
    ChangedRows Changed,
    string? Message,
    double Seconds);
