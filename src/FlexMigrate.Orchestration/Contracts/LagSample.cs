namespace FlexMigrate.Orchestration.Contracts;

/// <summary>Replication lag after one batch, for the lag history in the report.</summary>
/// <param name="Utc">When the batch returned (orchestration time).</param>
/// <param name="LagSeconds">Age of the last applied change.</param>
/// <param name="LagBytes">Binlog bytes behind the source.</param>
/// <param name="RowsPerSecond">Apply rate of the batch.</param>
public sealed record LagSample(DateTime Utc, double LagSeconds, long LagBytes, double RowsPerSecond);
