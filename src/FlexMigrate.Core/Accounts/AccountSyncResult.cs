namespace FlexMigrate.Core.Accounts;

/// <summary>What a sync did (no secrets: counts and notes only, safe for durable payloads and reports).</summary>
/// <param name="Accounts">Accounts the plan covered.</param>
/// <param name="Created">Accounts created on the target.</param>
/// <param name="Changed">Existing target accounts changed (attributes or grants).</param>
/// <param name="Dropped">Accounts dropped on the target (replay of DROP USER).</param>
/// <param name="Failed">Accounts with an error (blocked by translation or a statement the target refused).</param>
/// <param name="Statements">Statements executed.</param>
/// <param name="Notes">Translations, problems and failures.</param>
public sealed record AccountSyncResult(int Accounts, int Created, int Changed, int Dropped, int Failed, int Statements, IReadOnlyList<AccountNote> Notes);
