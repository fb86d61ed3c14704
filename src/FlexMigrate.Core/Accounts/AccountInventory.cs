using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Core.Accounts;

/// <summary>The accounts of one server as <see cref="AccountReader"/> read them, with what they depend on.</summary>
/// <param name="Version">The server's version (flavour decides syntax and privilege names).</param>
/// <param name="HostName">@@hostname (the installer's root@hostname is a system account).</param>
/// <param name="Accounts">Every account and role, system accounts included, ordered by name.</param>
public sealed record AccountInventory(ServerVersion Version, string HostName, IReadOnlyList<Account> Accounts)
{
    private Dictionary<AccountName, Account>? _byName;

    public Account? Find(AccountName name)
    {
        _byName ??= Accounts.ToDictionary(a => a.Name);
        return _byName.GetValueOrDefault(name);
    }

    /// <summary>Accounts that are neither system nor platform accounts.</summary>
    public IEnumerable<Account> Ordinary => Accounts.Where(a => SystemAccounts.Reason(a.Name, HostName) is null);
}
