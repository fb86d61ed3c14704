using FlexMigrate.Core.Schema.Ddl;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// The accounts an account statement from the binlog changes, so replay syncs just those: the names after
/// CREATE/ALTER/DROP/RENAME USER|ROLE, after TO of GRANT, after FROM of REVOKE, after FOR of SET PASSWORD and SET
/// DEFAULT ROLE (MariaDB), after TO of SET DEFAULT ROLE (MySQL). Names without a host stand for 'name'@'%' and for a
/// MariaDB role. Null means "cannot tell" (SET PASSWORD for the session's own user, CURRENT_USER): replay then syncs
/// every selected account. Grammar: https://dev.mysql.com/doc/refman/8.0/en/account-management-statements.html,
/// https://mariadb.com/kb/en/account-management-sql-commands/.
/// </summary>
public static class AccountStatementNames
{
    /// <summary>Accounts <paramref name="sql"/> changes, or null when it does not say.</summary>
    public static IReadOnlySet<AccountName>? Of(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        List<SqlToken> t;
        try
        {
            t = SqlTokenizer.Tokenize(sql).Where(x => !x.IsTrivia && x.Kind is not (SqlTokenKind.ConditionalCommentStart or SqlTokenKind.ConditionalCommentEnd)).ToList();
        }
        catch (FormatException)
        {
            return null;
        }

        string Word(int i) => i < t.Count && t[i].Kind == SqlTokenKind.Word ? t[i].Text.ToUpperInvariant() : "";
        var start = (Word(0), Word(1)) switch
        {
            ("CREATE" or "ALTER" or "DROP" or "RENAME", "USER" or "ROLE") => 2,
            ("GRANT", _) => After(t, "TO"),
            ("REVOKE", _) => After(t, "FROM"),
            ("SET", "PASSWORD") => After(t, "FOR"),
            ("SET", "DEFAULT") => Math.Max(After(t, "FOR"), After(t, "TO")),
            _ => -1,
        };
        if (start < 0)
        {
            return null;
        }

        while (Word(start) is "IF" or "NOT" or "EXISTS")
        {
            start++;
        }

        var names = new HashSet<AccountName>();
        for (var i = start; i < t.Count; i++)
        {
            if (Word(i) is "IF" or "NOT" or "EXISTS" || !(t[i].IsIdentifier || t[i].Kind == SqlTokenKind.StringLiteral))
            {
                continue;
            }

            if (Word(i) is "CURRENT_USER")
            {
                return null;
            }

            // An account name starts a list item: at `start` or right after a top-level comma (or TO, in RENAME).
            var startsItem = i == start || t[i - 1].IsPunctuation(',') || (Word(0) == "RENAME" && Word(i - 1) == "TO");
            if (!startsItem || (t[i].Kind == SqlTokenKind.Word && IsKeyword(Word(i))))
            {
                continue;
            }

            var user = ShowGrantsParser.Text(t[i]);
            if (i + 2 < t.Count && t[i + 1].IsPunctuation('@'))
            {
                names.Add(new AccountName(user, ShowGrantsParser.Text(t[i + 2])));
                i += 2;
            }
            else
            {
                names.Add(new AccountName(user, "%"));
                names.Add(new AccountName(user, ""));
            }
        }

        return names.Count == 0 ? null : names;
    }

    /// <summary>"GRANT for 'u'@'%'": the statement's first two words and the accounts, never its clauses (MariaDB logs
    /// IDENTIFIED BY 'plain text' passwords in the binlog).</summary>
    public static string Describe(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var words = sql.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries).Take(2).Select(w => w.TrimEnd(',').ToUpperInvariant());
        var names = Of(sql);
        return string.Join(' ', words) + (names is null ? "" : " for " + string.Join(", ", names.Where(n => n.Host.Length > 0).OrderBy(n => n)));
    }

    private static int After(List<SqlToken> t, string keyword)
    {
        var at = t.FindIndex(x => x.IsKeyword(keyword));
        return at < 0 ? -1 : at + 1;
    }

    // Clause keywords that follow an account in a list (IDENTIFIED, REQUIRE, WITH, ...), never account names.
    private static bool IsKeyword(string word) => word is "IDENTIFIED" or "REQUIRE" or "WITH" or "PASSWORD" or "ACCOUNT" or "DEFAULT"
        or "TO" or "AND" or "OR" or "VIA" or "USING" or "BY" or "AS" or "COMMENT" or "ATTRIBUTE" or "FAILED_LOGIN_ATTEMPTS" or "PASSWORD_LOCK_TIME"
        or "ADMIN" or "OPTION" or "NONE" or "ALL" or "RETAIN" or "CURRENT" or "DISCARD";
}
