namespace FlexMigrate.Functions.Http;

/// <summary>
/// JSON body of `POST /api/migrations`. Source and target are connection NAMES configured as app settings
/// `ConnectionStrings__{name}`; a body never carries a connection string or password.
/// </summary>
public sealed record StartMigrationBody(
    string? Source,
    string? Target,
    IReadOnlyList<string>? Databases,
    IReadOnlyList<string>? Tables,
    IReadOnlyList<string>? ExcludeTables,
    string? Mode,
    int? Parallelism,
    long? ChunkRows,
    bool? DropExisting,
    bool? KeepDefiners,
    bool? KeepEngines,
    bool? SkipPrecheck,
    bool? Validate)
{
    /// <summary>Optional Azure Resource Manager part (resource ids, tuning, SKU, stop after cutover).</summary>
    public StartMigrationAzureBody? Azure { get; init; }

    /// <summary>Users, roles and grants to migrate: "all", "none", "app,report@10.%" or ["app", "report@10.%"] (docs/users.md).</summary>
    public System.Text.Json.JsonElement? Users { get; init; }

    /// <summary>Accounts already on the target are replaced instead of refused.</summary>
    public bool? ReplaceUsers { get; init; }

    /// <summary>Throttle conditions (docs/throttling.md); changed later with `POST /api/migrations/{id}/control`.</summary>
    public StartMigrationThrottleBody? Throttle { get; init; }

    /// <summary>Online: after the cutover, replicate the target back to the old source until rollback or finish (docs/online.md).</summary>
    public bool? ReverseAfterCutover { get; init; }
}

/// <summary>
/// The "throttle" object of a start body, named like the CLI options: `{"maxRowsPerSecond": 5000, "maxSourceLoad":
/// "Threads_running=25", "maxReplicaLag": 5, "throttleReplicas": ["replica1"]}`; replicas are connection names.
/// </summary>
public sealed record StartMigrationThrottleBody(
    long? MaxRowsPerSecond,
    string? MaxSourceLoad,
    string? MaxTargetLoad,
    double? MaxReplicaLag,
    IReadOnlyList<string>? ThrottleReplicas,
    string? CriticalSourceLoad,
    int? CriticalHibernateSeconds);

/// <summary>The "azure" object of a start body; see <see cref="Orchestration.Contracts.AzureMigrationOptions"/>.</summary>
public sealed record StartMigrationAzureBody(
    string? SourceResourceId,
    string? TargetResourceId,
    bool? TuneTarget,
    string? ScaleTargetSku,
    bool? StopSourceAfterCutover);
