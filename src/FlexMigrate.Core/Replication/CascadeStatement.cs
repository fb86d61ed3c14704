namespace FlexMigrate.Core.Replication;

/// <summary>One generated statement: SQL text with @p0.. placeholders and their values in order.</summary>
internal sealed record CascadeStatement(string Sql, IReadOnlyList<object?> Parameters);
