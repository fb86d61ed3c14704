namespace FlexMigrate.Core.Accounts;

/// <summary>How <see cref="AccountMigrator"/> plans.</summary>
/// <param name="Selection">Which accounts (--users).</param>
/// <param name="RefuseExisting">An account already on the target is an error unless --replace-users (the precheck and
/// `flexmigrate users`); false inside a migration, whose precheck already decided and whose retries find their own work.</param>
/// <param name="Databases">The databases being migrated: grants on their tables and routines count as available
/// before they exist on the target, and accounts with privileges on them are named when not selected.</param>
public sealed record AccountPlanOptions(AccountSelection Selection, bool RefuseExisting, IReadOnlyList<string> Databases)
{
    /// <summary>Only these accounts (and the roles and proxied accounts they need); null = the whole selection. Replay uses it.</summary>
    public IReadOnlySet<AccountName>? Only { get; init; }
}
