using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// An account as the grant tables key it: user name and host pattern. MariaDB roles have an empty host
/// (https://mariadb.com/kb/en/roles_overview/); MySQL 8 roles are ordinary 'name'@'host' accounts.
/// </summary>
public readonly record struct AccountName(string User, string Host) : IComparable<AccountName>
{
    /// <summary>`user`@`host`: the account in SQL, identifiers quoted so no character needs escaping.</summary>
    public string Sql => $"{SqlText.Identifier(User)}@{SqlText.Identifier(Host)}";

    /// <summary>'user'@'host', the form users know from SHOW GRANTS and error messages; 'role' for a host-less MariaDB role.</summary>
    public override string ToString() => Host.Length == 0 ? $"'{User}'" : $"'{User}'@'{Host}'";

    public int CompareTo(AccountName other)
    {
        var byUser = string.CompareOrdinal(User, other.User);
        return byUser != 0 ? byUser : string.CompareOrdinal(Host, other.Host);
    }
}
