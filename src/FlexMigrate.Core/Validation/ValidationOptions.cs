namespace FlexMigrate.Core.Validation;

/// <summary>How validation chunks, drills down and reports. Serializable, so a durable activity can receive it.</summary>
public sealed record ValidationOptions
{
    /// <summary>Target rows per primary-key range chunk (one aggregate query per side).</summary>
    public int ChunkRows { get; init; } = 100_000;

    /// <summary>
    /// A mismatching (sub-)chunk with at most this many rows on each side is compared row by row (one scan returning key
    /// and row MD5). As large as a chunk: every bucket level costs one more scan of the chunk, and with changes spread
    /// over a chunk (1,000 changed rows in a 1M-row table) bucket drill-down to 2,000 rows took 470 s where fetching the
    /// rows directly costs about two aggregate scans. Buckets still split chunks larger than this (tables that could
    /// not be range-chunked).
    /// </summary>
    public int RowLevelThreshold { get; init; } = 100_000;

    /// <summary>Sub-buckets per drill-down level (rows are spread by a hash of their key).</summary>
    public int DrillDownFanOut { get; init; } = 16;

    /// <summary>Differing keys listed per kind (missing, extra, changed) and table; totals are always exact.</summary>
    public int MaxKeysPerKind { get; init; } = 100;

    /// <summary>Chunks compared at the same time (each holds one connection per server).</summary>
    public int Parallelism { get; init; } = 4;

    /// <summary>Seconds a single chunk query may run.</summary>
    public int CommandTimeoutSeconds { get; init; } = 3600;

    /// <summary>
    /// The definer the migration writes on views, routines, triggers and events (e.g. "`migrator`@`%`"). When set, the
    /// source's DEFINER clauses are expected to appear as this definer on the target; when null, definers are not
    /// compared (the migration rewrites them to its own user by default, which the validator cannot always know).
    /// </summary>
    public string? MigrationDefiner { get; init; }
}
