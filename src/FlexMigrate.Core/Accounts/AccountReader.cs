using System.Collections.Immutable;
using FlexMigrate.Core.Precheck;
using FlexMigrate.Core.Sql;
using MySqlConnector;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Reads every account of a server with its attributes (from the grant tables: <see cref="GlobalPrivReader"/> on
/// MariaDB 10.4+, <see cref="UserTableReader"/> elsewhere) and its privileges (SHOW GRANTS, the server's own rendering,
/// parsed by <see cref="ShowGrantsParser"/>), plus MySQL 8's roles (mysql.role_edges) and default roles
/// (mysql.default_roles). Needs SELECT on the mysql schema. Read-only.
/// </summary>
public static class AccountReader
{
    /// <summary>Reads all accounts; SHOW GRANTS runs only for those <paramref name="withGrants"/> accepts (all when null).</summary>
    /// <exception cref="UserActionRequiredException">The login may not read the grant tables (the message says what to grant).</exception>
    public static async Task<AccountInventory> ReadAsync(MySqlConnection connection, Func<AccountName, bool>? withGrants = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var version = ServerVersion.Parse(await ServerQuery.ScalarAsync(connection, "SELECT VERSION()", cancellationToken) ?? connection.ServerVersion);
            var hostName = await ServerQuery.ScalarAsync(connection, "SELECT @@hostname", cancellationToken) ?? "";
            var accounts = version.IsMariaDb && version.AtLeast(10, 4)
                ? await GlobalPrivReader.ReadAsync(connection, cancellationToken)
                : await UserTableReader.ReadAsync(connection, cancellationToken);
            if (!version.IsMariaDb && version.AtLeast(8, 0))
            {
                accounts = await WithMySqlRolesAsync(connection, accounts, cancellationToken);
            }

            var ordered = accounts.OrderBy(a => a.Name).ToList();
            var read = await WithGrantsAsync(connection, ordered.Where(a => withGrants is null || withGrants(a.Name)).ToList(), version, cancellationToken);
            return new AccountInventory(version, hostName, [.. ordered.Select(a => read.GetValueOrDefault(a.Name) ?? a)]);
        }
        catch (MySqlException ex) when (ex.ErrorCode is MySqlErrorCode.TableAccessDenied or MySqlErrorCode.DatabaseAccessDenied
                                           or MySqlErrorCode.AccessDenied or MySqlErrorCode.SpecifiedAccessDeniedError)
        {
            var csb = new MySqlConnectionStringBuilder(connection.ConnectionString);
            throw new UserActionRequiredException(
                $"The login '{csb.UserID}' on {csb.Server}:{csb.Port} may not read the accounts ({ex.Message}). " +
                "Reading users, roles and grants needs SELECT on the mysql schema: GRANT SELECT ON mysql.* TO <login>.", ex);
        }
    }

    /// <summary>One account's privileges from SHOW GRANTS (MariaDB roles are named without a host).</summary>
    public static async Task<Account> WithGrantsAsync(MySqlConnection connection, Account account, ServerVersion version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        var lines = await ServerQuery.ListAsync(connection, ShowGrants(account, version), r => ServerQuery.Text(r, 0), cancellationToken);
        return Apply(account, lines.Select(ShowGrantsParser.Parse));
    }

    /// <summary>
    /// The accounts' privileges, SHOW GRANTS sent <see cref="GrantsPerRoundTrip"/> at a time in one multi-statement
    /// command (a round trip per account costs seconds per thousand accounts over a WAN); a batch the server refuses
    /// (an account dropped meanwhile) is read again one account at a time, skipping the missing one.
    /// </summary>
    private static async Task<Dictionary<AccountName, Account>> WithGrantsAsync(
        MySqlConnection connection, List<Account> accounts, ServerVersion version, CancellationToken cancellationToken)
    {
        var result = new Dictionary<AccountName, Account>();
        foreach (var chunk in accounts.Chunk(GrantsPerRoundTrip))
        {
            try
            {
                await using var command = new MySqlCommand(string.Join(";\n", chunk.Select(a => ShowGrants(a, version))), connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                foreach (var account in chunk)
                {
                    var lines = new List<string>();
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        lines.Add(ServerQuery.Text(reader, 0));
                    }

                    result[account.Name] = Apply(account, lines.Select(ShowGrantsParser.Parse));
                    await reader.NextResultAsync(cancellationToken);
                }
            }
            catch (MySqlException ex) when (ex.ErrorCode == MySqlErrorCode.NonExistingGrant)
            {
                foreach (var account in chunk)
                {
                    var one = await ServerQuery.TryAsync(() => WithGrantsAsync(connection, account, version, cancellationToken));
                    if (one is not null)
                    {
                        result[account.Name] = one;
                    }
                }
            }
        }

        return result;
    }

    /// <summary>SHOW GRANTS statements per round trip.</summary>
    private const int GrantsPerRoundTrip = 100;

    private static string ShowGrants(Account account, ServerVersion version) =>
        $"SHOW GRANTS FOR {(account.IsRole && version.IsMariaDb ? SqlText.Identifier(account.Name.User) : account.Name.Sql)}";

    /// <summary>
    /// Folds parsed SHOW GRANTS lines into the account. Lines about other accounts are ignored (MariaDB lists the
    /// grants of a role's roles too); lines on the same object are merged (MySQL 8 prints static and dynamic global
    /// privileges on two lines).
    /// </summary>
    internal static Account Apply(Account account, IEnumerable<GrantLine> lines)
    {
        var grants = new Dictionary<GrantObject, PrivilegeGrant>();
        var revokes = new Dictionary<GrantObject, PrivilegeGrant>();
        var roles = new List<RoleGrant>();
        var proxies = new List<ProxyGrant>();
        var defaults = new List<AccountName>(account.DefaultRoles);
        foreach (var line in lines.Where(l => l.Grantee == account.Name))
        {
            switch (line.Kind)
            {
                case GrantLineKind.Privileges when !line.Grant!.IsEmpty:
                    grants[line.Grant.On] = grants.TryGetValue(line.Grant.On, out var held) ? Merge(held, line.Grant) : line.Grant;
                    break;
                case GrantLineKind.PartialRevoke:
                    revokes[line.Grant!.On] = revokes.TryGetValue(line.Grant.On, out var revoked) ? Merge(revoked, line.Grant) : line.Grant;
                    break;
                case GrantLineKind.Roles:
                    roles.AddRange(line.Roles);
                    break;
                case GrantLineKind.Proxy:
                    proxies.Add(line.Proxy!);
                    break;
                case GrantLineKind.DefaultRole when defaults.Count == 0:
                    defaults.Add(line.Roles[0].Role);
                    break;
            }
        }

        return account with
        {
            Grants = [.. grants.Values],
            PartialRevokes = [.. revokes.Values],
            Roles = [.. roles.DistinctBy(r => r.Role)],
            Proxies = [.. proxies],
            DefaultRoles = [.. defaults],
        };
    }

    private static PrivilegeGrant Merge(PrivilegeGrant a, PrivilegeGrant b)
    {
        var columns = a.Columns.ToBuilder();
        foreach (var (privilege, list) in b.Columns)
        {
            columns[privilege] = columns.TryGetValue(privilege, out var existing) ? existing.Union(list) : list;
        }

        return new PrivilegeGrant(a.On, a.Privileges.Union(b.Privileges), columns.ToImmutable(), a.GrantOption || b.GrantOption);
    }

    // MySQL 8 roles are accounts; the ones granted to others (role_edges) that cannot log in are written as roles.
    private static async Task<List<Account>> WithMySqlRolesAsync(MySqlConnection connection, List<Account> accounts, CancellationToken cancellationToken)
    {
        var granted = (await ServerQuery.ListAsync(connection, "SELECT FROM_USER, FROM_HOST FROM mysql.role_edges",
            r => new AccountName(ServerQuery.Text(r, 0), ServerQuery.Text(r, 1)), cancellationToken)).ToHashSet();
        var defaults = (await ServerQuery.ListAsync(connection, "SELECT USER, HOST, DEFAULT_ROLE_USER, DEFAULT_ROLE_HOST FROM mysql.default_roles",
                r => (Account: new AccountName(ServerQuery.Text(r, 0), ServerQuery.Text(r, 1)), Role: new AccountName(ServerQuery.Text(r, 2), ServerQuery.Text(r, 3))), cancellationToken))
            .ToLookup(d => d.Account, d => d.Role);
        return accounts.Select(a => a with
        {
            IsRole = granted.Contains(a.Name) && a.Locked && a.Credentials.All(c => c.IsEmpty),
            DefaultRoles = defaults[a.Name].OrderBy(r => r).ToImmutableList(),
        }).ToList();
    }
}
