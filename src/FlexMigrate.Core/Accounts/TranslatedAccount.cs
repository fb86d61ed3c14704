namespace FlexMigrate.Core.Accounts;

/// <summary>A source account and what it becomes on the target, with every change and problem.</summary>
/// <param name="Source">As read from the source.</param>
/// <param name="Target">As it must be on the target (names, plugins and privileges in the target's terms).</param>
/// <param name="Notes">Each translation with its reason; an error means the account is not written.</param>
public sealed record TranslatedAccount(Account Source, Account Target, IReadOnlyList<AccountNote> Notes)
{
    public bool Blocked => Notes.Any(n => n.Severity == AccountNoteSeverity.Error);
}
