namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Per-table line of the migration report.</summary>
public sealed record TableReport(string Table, long Rows, long Bytes, int Chunks, double Seconds, double RowsPerSecond);
