using System.Collections.Immutable;
using System.Text;
using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Reads SHOW GRANTS lines of MySQL 5.6-8.x and MariaDB 10.x/11.x, the servers' own rendering of the grant tables:
/// "GRANT SELECT, INSERT ON `db`.* TO 'u'@'%' WITH GRANT OPTION", "GRANT SELECT (`a`, `b`) ON `db`.`t` TO ...",
/// "GRANT EXECUTE ON PROCEDURE `db`.`p` TO ...", "GRANT PROXY ON ''@'' TO ...", "GRANT `r`@`%` TO ..." (MySQL 8 roles),
/// "GRANT `r` TO ..." (MariaDB roles), "REVOKE INSERT ON `db`.* FROM ..." (MySQL partial revokes), "SET DEFAULT ROLE
/// `r` FOR ..." (MariaDB). Grammar: https://dev.mysql.com/doc/refman/8.0/en/show-grants.html,
/// https://mariadb.com/kb/en/show-grants/. Works on tokens, so quotes, backticks and commas inside names are safe.
/// </summary>
public static class ShowGrantsParser
{
    private static readonly string[] RoutineKinds = ["PROCEDURE", "FUNCTION", "PACKAGE", "TABLE"];

    /// <exception cref="FormatException">A line this parser cannot read (the message never quotes a hash).</exception>
    public static GrantLine Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        IReadOnlyList<SqlToken> tokens;
        try
        {
            tokens = SqlTokenizer.Tokenize(line);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"Cannot read SHOW GRANTS line '{Redacted(line)}': {ex.Message}", ex);
        }

        var cursor = new Cursor(tokens.Where(t => !t.IsTrivia).ToList(), line);
        return cursor.Keyword() switch
        {
            "GRANT" => cursor.Grant(),
            "REVOKE" => cursor.Revoke(),
            "SET" => cursor.DefaultRole(),
            _ => throw cursor.Error("expected GRANT, REVOKE or SET DEFAULT ROLE"),
        };
    }

    /// <summary>The line with everything after IDENTIFIED cut off, for messages.</summary>
    internal static string Redacted(string line)
    {
        var at = line.IndexOf(" IDENTIFIED ", StringComparison.OrdinalIgnoreCase);
        return at < 0 ? line : line[..at] + " IDENTIFIED BY <redacted>";
    }

    /// <summary>The text of a string literal or identifier token: quotes removed, escapes undone.</summary>
    internal static string Text(SqlToken token) => token.Kind switch
    {
        SqlTokenKind.QuotedIdentifier => token.IdentifierName,
        SqlTokenKind.StringLiteral => Unquote(token.Text),
        _ => token.Text,
    };

    // 'it''s' and 'a\'b' (backslash escapes: https://dev.mysql.com/doc/refman/8.0/en/string-literals.html).
    private static string Unquote(string literal)
    {
        var quote = literal[0];
        var sb = new StringBuilder();
        for (var i = 1; i < literal.Length - 1; i++)
        {
            var c = literal[i];
            if (c == quote && literal[i + 1] == quote)
            {
                sb.Append(c);
                i++;
            }
            else if (c == '\\' && i + 1 < literal.Length - 1)
            {
                var e = literal[++i];
                sb.Append(e switch { '0' => '\0', 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'Z' => '\x1A', _ => e });
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private sealed class Cursor(List<SqlToken> t, string line)
    {
        private int _i;

        public string Keyword() => Peek(0);

        public GrantLine Grant()
        {
            _i = 1;
            var on = FindTopLevel("ON");
            var to = FindTopLevel("TO");
            if (to < 0)
            {
                throw Error("no TO");
            }

            if (on < 0 || on > to)
            {
                // GRANT role[, role] TO account [WITH ADMIN OPTION]
                var roles = new List<AccountName>();
                while (_i < to)
                {
                    roles.Add(AccountAt());
                    SkipComma();
                }

                _i = to + 1;
                var grantee = AccountAt();
                var admin = Tail().Admin;
                return new GrantLine(GrantLineKind.Roles, grantee, null, null, roles.Select(r => new RoleGrant(r, admin)).ToList());
            }

            if (_i + 1 == on && Peek(0) == "PROXY")
            {
                _i = on + 1;
                var proxied = AccountAt();
                _i = to + 1;
                var grantee = AccountAt();
                return new GrantLine(GrantLineKind.Proxy, grantee, null, new ProxyGrant(proxied, Tail().GrantOption), []);
            }

            var (privileges, columns) = Privileges(on);
            _i = on + 1;
            var target = Object(to);
            _i = to + 1;
            var who = AccountAt();
            var grant = new PrivilegeGrant(target, privileges, columns, Tail().GrantOption);
            return new GrantLine(GrantLineKind.Privileges, who, grant, null, []);
        }

        public GrantLine Revoke()
        {
            _i = 1;
            var on = FindTopLevel("ON");
            var from = FindTopLevel("FROM");
            if (on < 0 || from < on)
            {
                throw Error("a REVOKE line needs ON and FROM");
            }

            var (privileges, columns) = Privileges(on);
            _i = on + 1;
            var target = Object(from);
            _i = from + 1;
            return new GrantLine(GrantLineKind.PartialRevoke, AccountAt(), new PrivilegeGrant(target, privileges, columns, false), null, []);
        }

        public GrantLine DefaultRole()
        {
            // SET DEFAULT ROLE `r` FOR `u`@`h`
            if (Peek(1) != "DEFAULT" || Peek(2) != "ROLE")
            {
                throw Error("expected SET DEFAULT ROLE");
            }

            _i = 3;
            var role = AccountAt();
            if (Peek(0) != "FOR")
            {
                throw Error("SET DEFAULT ROLE without FOR");
            }

            _i++;
            return new GrantLine(GrantLineKind.DefaultRole, AccountAt(), null, null, [new RoleGrant(role, false)]);
        }

        public FormatException Error(string what) => new($"Cannot read SHOW GRANTS line '{Redacted(line)}': {what}.");

        // SELECT, INSERT (`a`, `b`), CREATE TEMPORARY TABLES, BACKUP_ADMIN up to token `end`.
        private (ImmutableSortedSet<string>, ImmutableSortedDictionary<string, ImmutableSortedSet<string>>) Privileges(int end)
        {
            var privileges = ImmutableSortedSet.CreateBuilder<string>(StringComparer.Ordinal);
            var columns = new SortedDictionary<string, ImmutableSortedSet<string>>(StringComparer.Ordinal);
            while (_i < end)
            {
                var words = new List<string>();
                while (_i < end && t[_i].Kind == SqlTokenKind.Word)
                {
                    words.Add(t[_i].Text);
                    _i++;
                }

                if (words.Count == 0)
                {
                    throw Error("expected a privilege name");
                }

                var name = PrivilegeCatalog.Canonical(string.Join(' ', words));
                if (_i < end && t[_i].IsPunctuation('('))
                {
                    _i++;
                    var list = new List<string>();
                    while (_i < end && !t[_i].IsPunctuation(')'))
                    {
                        if (t[_i].IsIdentifier)
                        {
                            list.Add(t[_i].IdentifierName);
                        }

                        _i++;
                    }

                    _i++;
                    columns[name] = columns.TryGetValue(name, out var existing) ? existing.Union(list) : PrivilegeGrant.ColumnSet(list);
                }
                else if (name != "USAGE")
                {
                    privileges.Add(name);
                }

                SkipComma();
            }

            return (privileges.ToImmutable(), columns.ToImmutableSortedDictionary(StringComparer.Ordinal));
        }

        // *.* | `db`.* | `db`.`t` | [TABLE|PROCEDURE|FUNCTION|PACKAGE [BODY]] `db`.`name`
        private GrantObject Object(int end)
        {
            var level = GrantLevel.Table;
            if (RoutineKinds.Contains(Peek(0)) && _i + 1 < end && !t[_i + 1].IsPunctuation('.'))
            {
                level = Peek(0) switch
                {
                    "PROCEDURE" => GrantLevel.Procedure,
                    "FUNCTION" => GrantLevel.Function,
                    "PACKAGE" when Peek(1) == "BODY" => GrantLevel.PackageBody,
                    "PACKAGE" => GrantLevel.Package,
                    _ => GrantLevel.Table,
                };
                _i += level == GrantLevel.PackageBody ? 2 : 1;
            }

            var parts = new List<SqlToken>();
            while (_i < end)
            {
                parts.Add(t[_i]);
                _i++;
            }

            if (parts is [var db, var dot, var name] && dot.IsPunctuation('.'))
            {
                var database = db.IsPunctuation('*') ? null : Text(db);
                var isStar = name.IsPunctuation('*');
                return (database, isStar) switch
                {
                    (null, true) => GrantObject.Global,
                    (not null, true) => new GrantObject(GrantLevel.Database, database, ""),
                    (not null, false) => new GrantObject(level, database, Text(name)),
                    _ => throw Error("*.name is not a grant object"),
                };
            }

            throw Error("expected *.*, db.* or db.name after ON");
        }

        // `u`@`h` | 'u'@'h' | `r` (MariaDB role) | u@h unquoted
        private AccountName AccountAt()
        {
            if (_i >= t.Count || !(t[_i].IsIdentifier || t[_i].Kind == SqlTokenKind.StringLiteral))
            {
                throw Error("expected an account name");
            }

            var user = Text(t[_i]);
            _i++;
            if (_i + 1 < t.Count && t[_i].IsPunctuation('@'))
            {
                var host = Text(t[_i + 1]);
                _i += 2;
                return new AccountName(user, host);
            }

            return new AccountName(user, "");
        }

        // After the grantee: IDENTIFIED ... REQUIRE ... WITH GRANT OPTION / ADMIN OPTION / MAX_* n (printed by
        // MariaDB and MySQL 5.6 on the USAGE line; the attributes come from the grant tables, so only the options count).
        private (bool GrantOption, bool Admin) Tail()
        {
            var grantOption = false;
            var admin = false;
            for (; _i < t.Count; _i++)
            {
                grantOption |= Peek(0) == "GRANT" && Peek(1) == "OPTION";
                admin |= Peek(0) == "ADMIN" && Peek(1) == "OPTION";
            }

            return (grantOption, admin);
        }

        private int FindTopLevel(string keyword)
        {
            var depth = 0;
            for (var k = _i; k < t.Count; k++)
            {
                if (t[k].IsPunctuation('('))
                {
                    depth++;
                }
                else if (t[k].IsPunctuation(')'))
                {
                    depth--;
                }
                else if (depth == 0 && t[k].IsKeyword(keyword))
                {
                    return k;
                }
            }

            return -1;
        }

        private void SkipComma()
        {
            if (_i < t.Count && t[_i].IsPunctuation(','))
            {
                _i++;
            }
        }

        private string Peek(int offset) =>
            _i + offset >= 0 && _i + offset < t.Count && t[_i + offset].Kind == SqlTokenKind.Word ? t[_i + offset].Text.ToUpperInvariant() : "";
    }
}
