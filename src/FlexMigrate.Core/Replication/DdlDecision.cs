namespace FlexMigrate.Core.Replication;

/// <summary>What replay does with one statement: nothing, execute its SQL on the target, or stop.</summary>
internal enum DdlAction
{
    Skip,
    Apply,
    Fail,

    /// <summary>An account statement: make the accounts it names on the target equal the source's (docs/users.md).</summary>
    SyncAccounts,
}

/// <summary>
/// The decision for one statement. <see cref="Sql"/> are the statements to run for <see cref="DdlAction.Apply"/>
/// (rewritten to be idempotent where the rules ask); <see cref="Note"/> says why a statement was skipped or deferred
/// (null when silently skipped), or, for <see cref="DdlAction.Fail"/>, what failed and what to do.
/// </summary>
internal sealed record DdlDecision(DdlAction Action, IReadOnlyList<string> Sql, string? Note)
{
    public static DdlDecision Ignore { get; } = new(DdlAction.Skip, [], null);

    public static DdlDecision Skip(string note) => new(DdlAction.Skip, [], note);

    public static DdlDecision Run(params string[] sql) => new(DdlAction.Apply, sql, null);

    public static DdlDecision Stop(string message) => new(DdlAction.Fail, [], message);

    public static DdlDecision SyncAccounts { get; } = new(DdlAction.SyncAccounts, [], null);
}
