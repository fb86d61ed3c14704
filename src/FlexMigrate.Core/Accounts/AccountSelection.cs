using System.Text.RegularExpressions;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Which accounts to migrate, from --users: "all" (every account except <see cref="SystemAccounts"/>), "none", or a
/// list of "name" (any host) and "name@host" items in which `%` matches any run of characters. A name containing `@`
/// is quoted: 'alice@contoso.com'@'%'. Names compare as the server does: user case-sensitively, host not.
/// </summary>
public sealed class AccountSelection
{
    private readonly IReadOnlyList<(Regex User, Regex Host, string Text)> _patterns;

    private AccountSelection(bool all, IReadOnlyList<(Regex, Regex, string)> patterns, IReadOnlyList<string> items)
    {
        IsAll = all;
        _patterns = patterns;
        Items = items;
    }

    public static AccountSelection None { get; } = new(false, [], []);

    public static AccountSelection All { get; } = new(true, [], ["all"]);

    public bool IsAll { get; }

    public bool IsNone => !IsAll && _patterns.Count == 0;

    /// <summary>The items as given (for reports and the precheck's hints).</summary>
    public IReadOnlyList<string> Items { get; }

    /// <summary>Parses --users items ("all", "none", or names); <paramref name="singleServerName"/> maps Azure Single
    /// Server's login form user@servername to the plain user.</summary>
    /// <exception cref="FormatException">An empty or malformed item (the message quotes it).</exception>
    public static AccountSelection Parse(IEnumerable<string> items, string? singleServerName = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList();
        if (list.Count == 0 || list is ["none" or "NONE"])
        {
            return None;
        }

        if (list is ["all" or "ALL"])
        {
            return All;
        }

        if (list.Any(i => i.Equals("all", StringComparison.OrdinalIgnoreCase) || i.Equals("none", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FormatException("--users takes 'all', 'none', or a list of accounts, not a mix of them.");
        }

        var patterns = list.Select(item =>
        {
            var (user, host) = Split(item);
            if (host is not null && singleServerName is not null && string.Equals(host, singleServerName, StringComparison.OrdinalIgnoreCase))
            {
                host = null;
            }

            return (Pattern(user, RegexOptions.None), Pattern(host ?? "%", RegexOptions.IgnoreCase), item);
        }).ToList();
        return new AccountSelection(false, patterns, list);
    }

    /// <summary>Parses --users items for a migration from <paramref name="sourceConnectionString"/>'s server (an Azure
    /// Single Server name there turns user@servername items into the plain user).</summary>
    public static AccountSelection For(IEnumerable<string> items, string sourceConnectionString)
    {
        var host = new MySqlConnector.MySqlConnectionStringBuilder(sourceConnectionString).Server;
        return Parse(items, FlexibleServerRestrictions.ServerNameOf(host));
    }

    /// <summary>Whether <paramref name="account"/> is selected (system accounts excepted by the caller).</summary>
    public bool Matches(AccountName account) =>
        IsAll || _patterns.Any(p => p.User.IsMatch(account.User) && p.Host.IsMatch(account.Host));

    /// <summary>The items that matched none of <paramref name="accounts"/> (a typo the user should hear about).</summary>
    public IReadOnlyList<string> Unmatched(IEnumerable<AccountName> accounts)
    {
        var names = accounts.ToList();
        return _patterns.Where(p => !names.Any(a => p.User.IsMatch(a.User) && p.Host.IsMatch(a.Host))).Select(p => p.Text).ToList();
    }

    public override string ToString() => IsAll ? "all" : IsNone ? "none" : string.Join(",", Items);

    // name | name@host | 'name'@'host' | `name`@`host`: the last unquoted @ separates user and host.
    private static (string User, string? Host) Split(string item)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var quote = '\0';
        foreach (var c in item)
        {
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '\'' or '`' or '"')
            {
                quote = c;
            }
            else if (c == '@')
            {
                parts.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        if (quote != '\0')
        {
            throw new FormatException($"--users item {item} has an unclosed quote.");
        }

        parts.Add(current.ToString());
        var user = string.Join('@', parts.Take(Math.Max(1, parts.Count - 1)));
        var host = parts.Count > 1 ? parts[^1] : null;
        if (user.Length == 0)
        {
            throw new FormatException($"--users item {item} has no user name; write name or name@host.");
        }

        return (user, host);
    }

    private static Regex Pattern(string text, RegexOptions options) =>
        new("^" + string.Join(".*", text.Split('%').Select(Regex.Escape)) + "$",
            options | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
}
