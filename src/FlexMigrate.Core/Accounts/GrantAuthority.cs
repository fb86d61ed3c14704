using FlexMigrate.Core.Precheck;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// What the target's migration login may grant: a privilege can only be granted by an account holding it WITH GRANT
/// OPTION at the object's level or above (https://dev.mysql.com/doc/refman/8.0/en/grant.html), a proxy grant needs
/// PROXY ... WITH GRANT OPTION on the proxied account or on ''@'%'. On Azure Flexible Server the admin login holds a
/// fixed list (<see cref="FlexibleServerRestrictions"/>), so this is where most of Flexible Server's limits show up.
/// </summary>
public sealed class GrantAuthority(Account login, bool ignoreCase)
{
    /// <summary>An authority that may grant everything (a target login with ALL PRIVILEGES WITH GRANT OPTION).</summary>
    public static GrantAuthority Unlimited(AccountName login) =>
        new(new Account(login, false) { Grants = [PrivilegeGrant.Of(GrantObject.Global, [PrivilegeCatalog.All], grantOption: true)], Proxies = [new ProxyGrant(new AccountName("", "%"), true)] }, false);

    public AccountName Login => login.Name;

    /// <summary>Whether the login may grant <paramref name="privilege"/> on <paramref name="on"/>.</summary>
    public bool CanGrant(string privilege, GrantObject on)
    {
        ArgumentNullException.ThrowIfNull(privilege);
        return login.Grants.Any(g => g.GrantOption && Covers(g.On, on) && (g.Privileges.Contains(privilege) || g.Privileges.Contains(PrivilegeCatalog.All)));
    }

    /// <summary>Whether the login may grant PROXY on <paramref name="proxied"/>.</summary>
    public bool CanGrantProxy(AccountName proxied) =>
        login.Proxies.Any(p => p.GrantOption && (p.Proxied == proxied || (p.Proxied.User.Length == 0 && p.Proxied.Host == "%")));

    // A grant on `held` lets the holder grant on `on` when it is the same object or a level above it.
    private bool Covers(GrantObject held, GrantObject on) => held.Level switch
    {
        GrantLevel.Global => true,
        GrantLevel.Database => on.Level != GrantLevel.Global && GrantSet.PatternMatches(held.Database, on.Database, ignoreCase)
            && (on.Level != GrantLevel.Database || held.Database == on.Database),
        _ => held == on,
    };
}
