using FlexMigrate.Core.Accounts;

namespace FlexMigrate.Cli.Commands;

/// <summary>
/// `flexmigrate users`: migrates users, roles and grants on their own (or prints the translated statements with
/// --dry-run), then compares them. Runs in this process, which holds both connections: password hashes go from
/// source to target and nowhere else; --dry-run shows them as &lt;hash&gt; unless --show-secrets.
/// </summary>
internal sealed class UsersCommand : ICommand
{
    public string Name => "users";

    public string Summary => "Migrate users, roles and grants, translated for the target (or print them with --dry-run).";

    public string Usage => """
        Usage: flexmigrate users --source <conn> --target <conn> [--users all|<list>] [options]

        Reads the selected accounts with their password hashes, TLS, limits, lock and expiry, privileges, roles,
        default roles and proxy grants; translates them for the target (docs/users.md lists every translation);
        creates or corrects them there; then compares both sides. Running it again only fixes what differs.

          --source <conn>      Source connection string, or env FLEXMIGRATE_SOURCE (needs SELECT on mysql.*).
          --target <conn>      Target connection string, or env FLEXMIGRATE_TARGET (needs CREATE USER and the
                               privileges to grant, WITH GRANT OPTION).
          --users <list>       all (default), or accounts: name (any host), name@host, % wildcards, e.g.
                               --users app,report@10.%,'alice@contoso.com'@%. System accounts are never migrated.
          --databases <list>   Databases migrated (or to be migrated) with the data: grants on their tables and
                               routines count as writable, and accounts using them are named if not selected.
          --replace-users      Accounts already on the target are made equal to the source's (default: refused).
          --dry-run            Print the translations and the statements; change nothing.
          --show-secrets       With --dry-run, print the password hashes instead of <hash> (they are secrets).
          --json               Print the result as JSON on stdout.

        Exit codes: 0 done and equal, 1 failed or differences remain, 2 bad usage, 3 blocked (an account cannot be
        migrated as it is: see the errors and their fixes).
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var source = ConnectionOptions.Source(args);
        var target = ConnectionOptions.Target(args);
        var users = UsersOption.Read(args, fallback: "all");
        var databases = args.List("--databases");
        var dryRun = args.Flag("--dry-run");
        var showSecrets = args.Flag("--show-secrets");
        var json = args.Flag("--json");
        args.EnsureAllUsed();
        if (users is null)
        {
            throw new UsageException("--users none selects nothing to migrate; give accounts or leave --users out (all).");
        }

        if (showSecrets && !dryRun)
        {
            throw new UsageException("--show-secrets only applies to --dry-run output.");
        }

        var selection = AccountSelection.For(users.Select, source);
        var migrator = new AccountMigrator(source, target);
        var plan = await migrator.PlanAsync(new AccountPlanOptions(selection, RefuseExisting: !users.Replace, databases), cancellationToken);

        var statements = plan.Statements.Select(s => showSecrets ? s.Statement.Sql : s.Statement.Display).ToList();
        if (dryRun || plan.HasErrors)
        {
            await PrintPlanAsync(console, plan, statements, json, dryRun);
            return plan.HasErrors ? ExitCodes.PrecheckBlocked : ExitCodes.Success;
        }

        var result = await migrator.ApplyAsync(plan, cancellationToken);
        var comparison = await migrator.CompareAsync(selection, databases, cancellationToken);
        if (json)
        {
            await console.Out.WriteLineAsync(JsonOutput.Serialize(new { result, comparison }));
        }
        else
        {
            await PrintNotesAsync(console.Out, result.Notes);
            await console.Out.WriteLineAsync(
                $"{result.Accounts} accounts: {result.Created} created, {result.Changed} updated, {result.Failed} failed ({result.Statements} statements).");
            foreach (var d in comparison.Differences)
            {
                await console.Out.WriteLineAsync($"  DIFFERENT {d.Account} {d.Kind}: {d.Detail}");
            }

            await console.Out.WriteLineAsync(comparison.Equal ? "Accounts EQUAL on source and target (after the translations above)." : $"Accounts DIFFERENT: {comparison.Differences.Count} differences.");
        }

        return result.Failed == 0 && comparison.Equal ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static async Task PrintPlanAsync(CommandConsole console, AccountPlan plan, List<string> statements, bool json, bool dryRun)
    {
        if (json)
        {
            await console.Out.WriteLineAsync(JsonOutput.Serialize(new
            {
                accounts = plan.Accounts.Select(a => a.Source.Name.ToString()),
                notes = plan.AllNotes,
                statements = plan.HasErrors ? [] : statements,
                blocked = plan.HasErrors,
            }));
            return;
        }

        await PrintNotesAsync(console.Out, plan.AllNotes);
        if (plan.HasErrors)
        {
            await console.Out.WriteLineAsync("BLOCKED: fix the errors above (or leave those accounts out of --users); nothing was changed.");
            return;
        }

        await console.Out.WriteLineAsync($"-- {plan.Accounts.Count} accounts, {statements.Count} statements{(dryRun ? " (dry run: nothing was changed)" : "")}");
        await console.Out.WriteLineAsync($"SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), '{AccountSql.SessionSqlMode}');");
        foreach (var statement in statements)
        {
            await console.Out.WriteLineAsync(statement + ";");
        }
    }

    private static async Task PrintNotesAsync(TextWriter output, IEnumerable<AccountNote> notes)
    {
        foreach (var note in notes.OrderByDescending(n => n.Severity))
        {
            await output.WriteLineAsync($"{note.Severity.ToString().ToUpperInvariant(),-7} {note.Account}: {note.Message}");
            if (note.Remedy.Length > 0 && note.Severity != AccountNoteSeverity.Info)
            {
                await output.WriteLineAsync($"        Fix: {note.Remedy}");
            }
        }
    }
}
