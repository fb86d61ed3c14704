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
    bool? Validate);
