namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Copy progress of one table.</summary>
public sealed record TableProgress(
    string Table,
    long RowsCopied,
    long RowsEstimated,
    long BytesCopied,
    int ChunksDone,
    int ChunksTotal,
    bool IndexesAdded)
{
    /// <summary>Rows per second since the table's copy started (to its end once copied): what the CLI and the
    /// dashboard show per table and derive the table's ETA from.</summary>
    public double RowsPerSecond { get; init; }
}
