namespace FlexMigrate.Core.Accounts;

/// <summary>A role granted to an account (GRANT role TO account [WITH ADMIN OPTION]).</summary>
public sealed record RoleGrant(AccountName Role, bool AdminOption);
