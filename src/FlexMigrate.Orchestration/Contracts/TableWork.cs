namespace FlexMigrate.Orchestration.Contracts;

/// <summary>One table to copy, as planned from the source schema.</summary>
/// <param name="Database">Database name.</param>
/// <param name="Table">Table name.</param>
/// <param name="EstimatedRows">information_schema estimate, for progress and ETA only.</param>
/// <param name="DataBytes">Data + index bytes on the source.</param>
/// <param name="HasKey">A primary key or non-null unique key exists, so the table can be split into ranges.</param>
public sealed record TableWork(string Database, string Table, long EstimatedRows, long DataBytes, bool HasKey)
{
    /// <summary>"db.table", the form used in reports and options.</summary>
    public string Name => $"{Database}.{Table}";

    /// <summary>Rows per copy chunk of this table: <paramref name="chunkRows"/>, fewer for wide rows (see <see cref="Core.Chunking.ChunkPlanner.RowsFor"/>).</summary>
    public long ChunkRowsOf(long chunkRows) => Core.Chunking.ChunkPlanner.RowsFor(chunkRows, EstimatedRows, DataBytes);
}
