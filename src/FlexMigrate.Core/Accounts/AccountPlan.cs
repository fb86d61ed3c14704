namespace FlexMigrate.Core.Accounts;

/// <summary>
/// What migrating the selected accounts means: each account's translation, the plan-level findings (selection
/// items matching nothing, accounts already on the target, the target's own login, roles pulled in), the statements
/// that make the target equal (in run order) and the accounts that hold privileges on the migrated databases but are
/// not selected. Holds hashes inside <see cref="Statements"/>: it lives only inside one activity or command.
/// </summary>
public sealed record AccountPlan(
    IReadOnlyList<TranslatedAccount> Accounts,
    IReadOnlyList<AccountNote> Notes,
    IReadOnlyList<(AccountName Account, AccountStatement Statement)> Statements,
    IReadOnlyList<AccountName> Unselected)
{
    /// <summary>Every note: plan-level ones, then each account's.</summary>
    public IEnumerable<AccountNote> AllNotes => Notes.Concat(Accounts.SelectMany(a => a.Notes));

    public bool HasErrors => AllNotes.Any(n => n.Severity == AccountNoteSeverity.Error);

    /// <summary>The target as planned against (its accounts hold the grants of the planned accounts).</summary>
    public required AccountTarget Target { get; init; }
}
