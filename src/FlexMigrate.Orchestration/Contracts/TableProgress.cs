namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Copy progress of one table.</summary>
public sealed record TableProgress(
    string Table,
    long RowsCopied,
    long RowsEstimated,
    long BytesCopied,
    int ChunksDone,
    int ChunksTotal,
    bool IndexesAdded);
