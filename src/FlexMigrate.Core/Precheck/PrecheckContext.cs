namespace FlexMigrate.Core.Precheck;

/// <summary>
/// What every rule sees. <see cref="Source"/> / <see cref="Target"/> are null when that server could not be read
/// (the runner then skips rules that need it); use <see cref="SourceFacts"/> / <see cref="TargetFacts"/> in rules
/// that declared the need.
/// </summary>
internal sealed record PrecheckContext(
    PrecheckRequest Request,
    ServerFacts? Source,
    ServerFacts? Target,
    SchemaFacts Schema,
    PrecheckCapacity Capacity,
    ISourceData Data)
{
    public PrecheckMode Mode => Request.Mode;

    public bool Online => Request.Mode == PrecheckMode.Online;

    public ServerFacts SourceFacts => Source ?? throw new InvalidOperationException("Rule needs the source but declared no such need.");

    public ServerFacts TargetFacts => Target ?? throw new InvalidOperationException("Rule needs the target but declared no such need.");

    /// <summary>Target is MySQL (not MariaDB): MariaDB-only features will not load.</summary>
    public bool TargetIsMySql => Target is { Version.IsMariaDb: false };

    /// <summary>Base tables only (sequences and system-versioned tables included, views excluded).</summary>
    public IReadOnlyList<TableFacts> Tables => Schema.Tables;

    /// <summary>The account plan for the request's --users (read-only); null when the accounts could not be read.</summary>
    public Accounts.AccountPlan? Accounts { get; init; }

    /// <summary>Why the accounts could not be read, when they could not.</summary>
    public string? AccountsUnreadable { get; init; }
}
