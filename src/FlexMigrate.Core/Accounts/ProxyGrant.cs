namespace FlexMigrate.Core.Accounts;

/// <summary>GRANT PROXY ON proxied TO account [WITH GRANT OPTION] (https://dev.mysql.com/doc/refman/8.0/en/proxy-users.html).</summary>
public sealed record ProxyGrant(AccountName Proxied, bool GrantOption);
