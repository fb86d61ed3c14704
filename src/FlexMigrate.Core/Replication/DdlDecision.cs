using FlexMigrate.Core.Sql;

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
/// The decision for one statement. <see cref="Statements"/> are the statements to run for <see cref="DdlAction.Apply"/>
/// (the source's bytes, rewritten by ASCII edits to be idempotent where the rules ask, or engine-written text);
/// <see cref="Note"/> says why a statement was skipped or deferred (null when silently skipped), or, for
/// <see cref="DdlAction.Fail"/>, what failed and what to do.
/// </summary>
internal sealed record DdlDecision(DdlAction Action, IReadOnlyList<StatementBytes> Statements, string? Note)
{
    public static DdlDecision Ignore { get; } = new(DdlAction.Skip, [], null);

    /// <summary>The statements as text (tests, messages).</summary>
    public IReadOnlyList<string> Sql => Statements.Select(s => s.Text).ToList();

    public static DdlDecision Skip(string note) => new(DdlAction.Skip, [], note);

    public static DdlDecision Run(params StatementBytes[] statements) => new(DdlAction.Apply, statements, null);

    public static DdlDecision Stop(string message) => new(DdlAction.Fail, [], message);

    public static DdlDecision SyncAccounts { get; } = new(DdlAction.SyncAccounts, [], null);
}
