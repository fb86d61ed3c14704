namespace FlexMigrate.Core.Precheck;

/// <summary>
/// Parses SHOW GRANTS lines of MySQL 5.6-8.x and MariaDB 10.x/11.x, e.g.
/// "GRANT SELECT, SHOW VIEW ON `db`.* TO `u`@`%` IDENTIFIED BY PASSWORD '*...'",
/// "GRANT ALL PRIVILEGES ON *.* TO `root`@`localhost` WITH GRANT OPTION",
/// "GRANT SELECT (`a`, `b`) ON `db`.`t` TO ...", "GRANT `role` TO `u`@`%`" (MariaDB), "GRANT `r`@`%` TO `u`@`%`" (MySQL 8).
/// See https://dev.mysql.com/doc/refman/8.0/en/show-grants.html and https://mariadb.com/kb/en/show-grants/.
/// Lines that are not GRANT (SET DEFAULT ROLE, REVOKE for partial revokes) return null.
/// </summary>
internal static class GrantParser
{
    /// <summary>
    /// Privileges renamed across versions, folded to the MySQL 5.7 name so a check asks for one name:
    /// MariaDB 10.5 renamed REPLICATION CLIENT to BINLOG MONITOR; both servers accept REPLICATION REPLICA for SLAVE.
    /// </summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["ALL"] = "ALL PRIVILEGES",
        ["BINLOG MONITOR"] = "REPLICATION CLIENT",
        ["REPLICATION REPLICA"] = "REPLICATION SLAVE",
    };

    /// <exception cref="FormatException">A GRANT line this parser cannot read (quoted in the message).</exception>
    public static Grant? Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var text = line.Trim();
        if (!text.StartsWith("GRANT ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var body = text[6..];
        var toAt = FindKeyword(body, " TO ");
        if (toAt < 0)
        {
            throw new FormatException($"SHOW GRANTS line without TO: '{Redact(text)}'.");
        }

        var onAt = FindKeyword(body[..toAt], " ON ");
        if (onAt < 0)
        {
            var roles = SplitTopLevel(body[..toAt]).Select(r => UnquoteAccount(r)).ToList();
            return new Grant(GrantScope.Role, new HashSet<string>(), null, null, roles);
        }

        var privileges = ParsePrivileges(body[..onAt]);
        return ParseObject(body[(onAt + 4)..toAt].Trim(), privileges, text);
    }

    /// <summary>Parses every line, skipping non-GRANT lines.</summary>
    public static IReadOnlyList<Grant> ParseAll(IEnumerable<string> lines) =>
        lines.Select(Parse).OfType<Grant>().ToList();

    private static HashSet<string> ParsePrivileges(string list)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in SplitTopLevel(list))
        {
            if (item.Contains('(', StringComparison.Ordinal))
            {
                // "SELECT (`a`, `b`)": a column-level grant covers only those columns, never the whole table.
                continue;
            }

            var name = string.Join(' ', item.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant();
            set.Add(Aliases.GetValueOrDefault(name, name));
        }

        return set;
    }

    private static Grant ParseObject(string target, HashSet<string> privileges, string line)
    {
        var scope = GrantScope.Table;
        foreach (var kind in new[] { "PROCEDURE ", "FUNCTION ", "PACKAGE BODY ", "PACKAGE " })
        {
            if (target.StartsWith(kind, StringComparison.OrdinalIgnoreCase))
            {
                scope = GrantScope.Routine;
                target = target[kind.Length..].Trim();
                break;
            }
        }

        if (target.StartsWith("TABLE ", StringComparison.OrdinalIgnoreCase))
        {
            target = target[6..].Trim();
        }

        var dot = FindKeyword(target, ".");
        if (dot < 0)
        {
            throw new FormatException($"SHOW GRANTS line with an object that is not db.name: '{Redact(line)}'.");
        }

        var db = Unquote(target[..dot]);
        var name = Unquote(target[(dot + 1)..]);
        if (db == "*" && name == "*")
        {
            return new Grant(GrantScope.Global, privileges, null, null, []);
        }

        if (name == "*" && scope == GrantScope.Table)
        {
            return new Grant(GrantScope.Database, privileges, db, null, []);
        }

        return new Grant(scope, privileges, db, name, []);
    }

    /// <summary>Index of <paramref name="keyword"/> outside backticks, quotes and parentheses; -1 when absent.</summary>
    private static int FindKeyword(string text, string keyword)
    {
        char quote = '\0';
        var depth = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                if (c == quote)
                {
                    quote = '\0';
                }

                continue;
            }

            switch (c)
            {
                case '`' or '\'' or '"':
                    quote = c;
                    continue;
                case '(':
                    depth++;
                    continue;
                case ')':
                    depth--;
                    continue;
            }

            if (depth == 0 && string.Compare(text, i, keyword, 0, keyword.Length, StringComparison.OrdinalIgnoreCase) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Splits at commas outside quotes and parentheses.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var rest = text;
        while (true)
        {
            var comma = FindKeyword(rest, ",");
            if (comma < 0)
            {
                parts.Add(rest.Trim());
                return parts.Where(p => p.Length > 0).ToList();
            }

            parts.Add(rest[..comma].Trim());
            rest = rest[(comma + 1)..];
        }
    }

    /// <summary>`a``b` -> a`b; 'x' -> x; bare names as they are.</summary>
    private static string Unquote(string name)
    {
        name = name.Trim();
        if (name.Length >= 2 && (name[0] == '`' || name[0] == '\'' || name[0] == '"') && name[^1] == name[0])
        {
            var q = name[0].ToString();
            return name[1..^1].Replace(q + q, q, StringComparison.Ordinal);
        }

        return name;
    }

    /// <summary>`r`@`%` -> r@%; `r` -> r.</summary>
    private static string UnquoteAccount(string account)
    {
        var at = FindKeyword(account, "@");
        return at < 0 ? Unquote(account) : $"{Unquote(account[..at])}@{Unquote(account[(at + 1)..])}";
    }

    /// <summary>Drops IDENTIFIED BY ... so a password hash never reaches a message.</summary>
    private static string Redact(string line)
    {
        var at = line.IndexOf(" IDENTIFIED ", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? line : line[..at] + " IDENTIFIED BY <redacted>";
    }
}
