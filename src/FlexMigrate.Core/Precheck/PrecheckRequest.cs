namespace FlexMigrate.Core.Precheck;

/// <summary>
/// What to check. Connection strings are MySqlConnector strings and are never written to the report.
/// </summary>
/// <param name="SourceConnectionString">Source server (MySQL 5.6/5.7/8.0 or MariaDB).</param>
/// <param name="TargetConnectionString">Target server (Azure Database for MySQL Flexible Server or any MySQL/MariaDB).</param>
/// <param name="Databases">Databases to migrate (names as on the source).</param>
/// <param name="Mode">Offline or online (online adds the binlog rules and makes missing keys an error).</param>
public sealed record PrecheckRequest(
    string SourceConnectionString,
    string TargetConnectionString,
    IReadOnlyList<string> Databases,
    PrecheckMode Mode = PrecheckMode.Offline)
{
    /// <summary>Only these tables ("table", "db.table", `*` and `?` wildcards); empty means all.</summary>
    public IReadOnlyList<string> IncludeTables { get; init; } = [];

    /// <summary>Tables to leave out (same patterns as <see cref="IncludeTables"/>).</summary>
    public IReadOnlyList<string> ExcludeTables { get; init; } = [];

    /// <summary>Copy speed for the duration estimate; <see cref="CopyRate.Default"/> when null.</summary>
    public CopyRate? CopyRate { get; init; }

    /// <summary>
    /// Server parameters known from outside the connection (e.g. Azure Resource Manager configurations of the
    /// source server). They fill in variables the server does not show; what the server reports itself wins.
    /// </summary>
    public IReadOnlyDictionary<string, string>? SourceServerParameters { get; init; }

    /// <summary>Same as <see cref="SourceServerParameters"/> for the target.</summary>
    public IReadOnlyDictionary<string, string>? TargetServerParameters { get; init; }

    /// <summary>Free storage on the target in bytes when known (Azure: provisioned minus used); null skips the check.</summary>
    public long? TargetFreeStorageBytes { get; init; }

    /// <summary>Scan table data for zero dates and the largest row (full reads of tables with such columns).</summary>
    public bool ScanData { get; init; } = true;

    /// <summary>--users items: the accounts to migrate ("all", "none" or names); empty = none. The precheck translates
    /// them for the target and names, either way, the accounts holding privileges on the databases.</summary>
    public IReadOnlyList<string> Users { get; init; } = [];

    /// <summary>
    /// Online with --reverse-after-cutover: after the cutover the target's binlog is replayed to the source, so the
    /// binlog rules apply to the target too and the migration user needs write privileges on the source.
    /// </summary>
    public bool ReverseAfterCutover { get; init; }

    /// <summary>--replace-users: selected accounts already on the target are replaced instead of refused.</summary>
    public bool ReplaceUsers { get; init; }
}
