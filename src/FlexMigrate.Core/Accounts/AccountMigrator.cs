using FlexMigrate.Core.Precheck;
using MySqlConnector;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Migrates users, roles and grants: reads the selected accounts (and the roles and proxied accounts they need) from
/// the source, translates them for the target (<see cref="AccountTranslator"/>), and makes the target hold exactly
/// that (<see cref="AccountDiff"/>): missing accounts are created, existing ones brought in line, so running it again
/// changes nothing (idempotent: a retried activity or a replayed binlog statement is safe). Holds both connections
/// for the whole call, so password hashes never leave it; results carry counts and notes only.
/// <code>
/// var migrator = new AccountMigrator(source, target);
/// var plan = await migrator.PlanAsync(new AccountPlanOptions(AccountSelection.Parse(["app", "report@10.%"]), RefuseExisting: true, ["shop"]));
/// if (!plan.HasErrors) await migrator.ApplyAsync(plan);
/// </code>
/// </summary>
public sealed class AccountMigrator(string sourceConnectionString, string targetConnectionString)
{
    /// <summary>Reads both servers and plans the sync; writes nothing.</summary>
    public async Task<AccountPlan> PlanAsync(AccountPlanOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var source = await OpenAsync(sourceConnectionString, cancellationToken);
        await using var target = await OpenTargetAsync(cancellationToken);
        return await PlanAsync(source, target, options, cancellationToken);
    }

    /// <summary>Plans and applies in one session pair (what the migration activity and replay do).</summary>
    public async Task<AccountSyncResult> SyncAsync(AccountPlanOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var source = await OpenAsync(sourceConnectionString, cancellationToken);
        await using var target = await OpenTargetAsync(cancellationToken);
        var plan = await PlanAsync(source, target, options, cancellationToken);
        return await ApplyAsync(target, plan, cancellationToken);
    }

    /// <summary>Runs a plan's statements; an account whose statement the target refuses is reported and skipped.</summary>
    public async Task<AccountSyncResult> ApplyAsync(AccountPlan plan, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        await using var target = await OpenTargetAsync(cancellationToken);
        return await ApplyAsync(target, plan, cancellationToken);
    }

    /// <summary>Validation: how the target's accounts differ from the translated source accounts of the selection.</summary>
    public async Task<AccountComparison> CompareAsync(AccountSelection selection, IReadOnlyList<string> databases, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        await using var source = await OpenAsync(sourceConnectionString, cancellationToken);
        await using var target = await OpenTargetAsync(cancellationToken);
        var plan = await PlanAsync(source, target, new AccountPlanOptions(selection, RefuseExisting: false, databases), cancellationToken);
        var differences = new List<AccountDifference>();
        var inventory = plan.Target.Accounts;
        var diff = new AccountDiff(inventory.Version);
        foreach (var account in plan.Accounts)
        {
            var actual = inventory.Find(account.Target.Name);
            if (account.Blocked)
            {
                if (actual is null)
                {
                    differences.Add(new AccountDifference(account.Source.Name.ToString(), "missing-account",
                        "not migrated: " + string.Join("; ", account.Notes.Where(n => n.Severity == AccountNoteSeverity.Error).Select(n => n.Message))));
                }

                continue;
            }

            differences.AddRange(diff.Compare(account.Target, actual).Differences);
        }

        var expected = plan.Accounts.Select(a => a.Target.Name).ToHashSet();
        foreach (var extra in inventory.Ordinary.Where(a => a.Name != plan.Target.Login && !expected.Contains(a.Name) && selection.Matches(a.Name)))
        {
            differences.Add(new AccountDifference(extra.Name.ToString(), "extra-account", $"{extra} exists on the target, not on the source"));
        }

        return new AccountComparison(differences.Count == 0, plan.Accounts.Count, differences);
    }

    private static async Task<AccountPlan> PlanAsync(MySqlConnection source, MySqlConnection target, AccountPlanOptions options, CancellationToken cancellationToken)
    {
        var notes = new List<AccountNote>();
        var sourceAccounts = await AccountReader.ReadAsync(source, a => SystemAccounts.Reason(a, "") is null && (options.Only?.Contains(a) ?? true), cancellationToken);
        var selected = await SelectAsync(source, sourceAccounts, options, notes, cancellationToken);
        var csb = new MySqlConnectionStringBuilder(source.ConnectionString);
        var probe = new AccountTranslator(sourceAccounts.Version, EmptyTarget(await VersionAsync(target, cancellationToken)), _ => true);
        var targetNames = selected.Select(a => probe.TargetName(a.Name, a.IsRole)).ToHashSet();
        var targetInfo = await AccountTarget.ReadAsync(target, a => targetNames.Contains(a) || (options.Only?.Contains(a) ?? false), cancellationToken);
        var available = await ObjectAvailability.ReadAsync(source, target, selected, options.Databases, targetInfo.LowerCaseNames, cancellationToken);
        var translator = new AccountTranslator(sourceAccounts.Version, targetInfo, available.Contains, FlexibleServerRestrictions.ServerNameOf(csb.Server));
        var translated = selected.Select(a => translator.Translate(a, r => sourceAccounts.Find(r)?.IsRole ?? false)).ToList();

        var diff = new AccountDiff(targetInfo.Version);
        var statements = new List<(AccountName, AccountStatement)>();
        foreach (var account in translated)
        {
            var existing = targetInfo.Accounts.Find(account.Target.Name);
            if (account.Target.Name == targetInfo.Login)
            {
                notes.Add(AccountNote.Error(account.Source, "target-login",
                    $"{account.Target.Name} is the login this migration uses on the target; it is never replaced.",
                    "Leave it out of --users (the target keeps its own admin account)."));
                continue;
            }

            if (existing is not null && options.RefuseExisting)
            {
                notes.Add(AccountNote.Error(account.Source, "exists-on-target",
                    $"{account.Target.Name} already exists on the target {targetInfo.Endpoint}.",
                    "Add --replace-users to make it equal to the source account (its password, privileges and roles are replaced), or drop it on the target first."));
                continue;
            }

            if (!account.Blocked)
            {
                statements.AddRange(diff.Compare(account.Target, existing).Statements.Select(s => (account.Target.Name, s)));
            }
        }

        if (options.Only is { } only)
        {
            // Replay of DROP USER / RENAME USER: a selected account gone from the source goes from the target too.
            foreach (var gone in only.Where(n => sourceAccounts.Find(n) is null && options.Selection.Matches(n) && n != targetInfo.Login
                                                 && SystemAccounts.Reason(n, targetInfo.Accounts.HostName) is null))
            {
                if (targetInfo.Accounts.Find(gone) is { } stale)
                {
                    statements.AddRange(diff.Compare(null, stale).Statements.Select(s => (gone, s)));
                }
            }
        }

        var ordered = statements
            .OrderBy(s => s.Item2.Step)
            .ThenBy(s => translated.FirstOrDefault(t => t.Target.Name == s.Item1)?.Target.IsRole == true ? 0 : 1)
            .ToList();
        return new AccountPlan(translated, notes, ordered, Unselected(sourceAccounts, selected, options.Databases)) { Target = targetInfo };
    }

    // The selection, minus system accounts, plus the roles and proxied accounts the selected ones need.
    private static async Task<List<Account>> SelectAsync(
        MySqlConnection connection, AccountInventory source, AccountPlanOptions options, List<AccountNote> notes, CancellationToken cancellationToken)
    {
        var byName = source.Ordinary.ToDictionary(a => a.Name);
        var chosen = new Dictionary<AccountName, Account>();
        foreach (var account in source.Accounts.Where(a => options.Selection.Matches(a.Name) && (options.Only is null || options.Only.Contains(a.Name))))
        {
            if (SystemAccounts.Reason(account.Name, source.HostName) is { } why)
            {
                if (!options.Selection.IsAll)
                {
                    notes.Add(AccountNote.Info(account, "system-account", $"Not migrated: {why}."));
                }

                continue;
            }

            chosen[account.Name] = account;
        }

        var queue = new Queue<Account>(chosen.Values);
        while (queue.TryDequeue(out var account))
        {
            var needed = account.Roles.Select(r => (r.Role, "it is granted to"))
                .Concat(account.DefaultRoles.Select(r => (r, "it is a default role of")))
                .Concat(account.Proxies.Select(p => (p.Proxied, "it is proxied by")));
            foreach (var (name, why) in needed)
            {
                if (!chosen.ContainsKey(name) && byName.TryGetValue(name, out var dependency))
                {
                    if (options.Only is not null && !options.Only.Contains(name))
                    {
                        // Replay read SHOW GRANTS only for the accounts the statement named.
                        dependency = await AccountReader.WithGrantsAsync(connection, dependency, source.Version, cancellationToken);
                    }

                    chosen[name] = dependency;
                    queue.Enqueue(dependency);
                    notes.Add(AccountNote.Info(dependency, "included", $"Migrated too because {why} {account.Name}."));
                }
            }
        }

        if (options.Only is null)
        {
            foreach (var item in options.Selection.Unmatched(source.Accounts.Select(a => a.Name)))
            {
                notes.Add(new AccountNote(item, AccountNoteSeverity.Warning, "no-match", $"--users item '{item}' matches no account on the source.",
                    "Check the spelling; list the source's accounts with SELECT user, host FROM mysql.user."));
            }
        }

        return [.. chosen.Values.OrderBy(a => a.IsRole ? 0 : 1).ThenBy(a => a.Name)];
    }

    // Ordinary accounts left out of the selection that hold privileges on a migrated database (the precheck names them).
    private static List<AccountName> Unselected(AccountInventory source, List<Account> selected, IReadOnlyList<string> databases)
    {
        var chosen = selected.Select(a => a.Name).ToHashSet();
        return source.Ordinary
            .Where(a => !chosen.Contains(a.Name) && a.Grants.Any(g => databases.Any(db => Covers(g, db))))
            .Select(a => a.Name)
            .ToList();
    }

    private static bool Covers(PrivilegeGrant grant, string database) => grant.On.Level switch
    {
        GrantLevel.Global => !grant.Privileges.IsEmpty,
        GrantLevel.Database => GrantSet.PatternMatches(grant.On.Database, database, ignoreCase: false),
        _ => grant.On.Database == database,
    };

    private static Task<AccountSyncResult> ApplyAsync(MySqlConnection target, AccountPlan plan, CancellationToken cancellationToken) =>
        new AccountStatementRunner(target, plan).RunAsync(cancellationToken);

    private static async Task<MySqlConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Account names hold '@': never let the client read `u`@`h` as a parameter.
        var connection = new MySqlConnection(new MySqlConnectionStringBuilder(connectionString) { AllowUserVariables = true }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    // Literals are written for NO_BACKSLASH_ESCAPES (see AccountSql); the rest of the session's sql_mode stays.
    private async Task<MySqlConnection> OpenTargetAsync(CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(targetConnectionString, cancellationToken);
        await using var command = new MySqlCommand(
            $"SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), '{AccountSql.SessionSqlMode}')", connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private static async Task<ServerVersion> VersionAsync(MySqlConnection connection, CancellationToken cancellationToken) =>
        ServerVersion.Parse(await ServerQuery.ScalarAsync(connection, "SELECT VERSION()", cancellationToken) ?? connection.ServerVersion);

    // Role names only depend on the two flavours; the probe target for TargetName needs no server.
    private static AccountTarget EmptyTarget(ServerVersion version) =>
        new("", false, new HashSet<string>(), GrantAuthority.Unlimited(new AccountName("", "")), false, false, new AccountInventory(version, "", []));
}
