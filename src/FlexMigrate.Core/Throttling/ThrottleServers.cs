namespace FlexMigrate.Core.Throttling;

/// <summary>The servers a throttle samples, by connection string; the replicas keyed by their connection names.</summary>
/// <param name="Source">The source server.</param>
/// <param name="Target">The target server.</param>
/// <param name="Replicas">The source's read replicas named in --throttle-replicas.</param>
public sealed record ThrottleServers(string Source, string Target, IReadOnlyDictionary<string, string> Replicas);
