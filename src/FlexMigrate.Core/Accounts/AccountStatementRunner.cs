using MySqlConnector;

namespace FlexMigrate.Core.Accounts;

/// <summary>
/// Runs a plan's statements on the target, step by step (drops, creates, alters, grants, role grants, default roles),
/// <see cref="StatementsPerRoundTrip"/> statements per round trip: a round trip per statement would cost ten seconds
/// per thousand accounts over a WAN. When the target refuses a statement of a batch, the target's state for the
/// batch's accounts is read again and their statements of that step recomputed (the diff is exact, so what already
/// ran is not repeated), then run one at a time so the refused one is named with its account; that account's later
/// statements are skipped and the others go on.
/// </summary>
internal sealed class AccountStatementRunner(MySqlConnection target, AccountPlan plan)
{
    private const int StatementsPerRoundTrip = 50;

    private readonly List<AccountNote> _notes = [.. plan.AllNotes];
    private readonly HashSet<AccountName> _failed = [.. plan.Accounts.Where(a => a.Blocked).Select(a => a.Target.Name)];
    private readonly HashSet<AccountName> _created = [];
    private readonly HashSet<AccountName> _changed = [];
    private readonly HashSet<AccountName> _dropped = [];
    private readonly Dictionary<AccountName, Account> _desired = plan.Accounts.Where(a => !a.Blocked).ToDictionary(a => a.Target.Name, a => a.Target);
    private int _executed;

    public async Task<AccountSyncResult> RunAsync(CancellationToken cancellationToken)
    {
        foreach (var step in plan.Statements.GroupBy(s => s.Statement.Step))
        {
            foreach (var chunk in step.Chunk(StatementsPerRoundTrip))
            {
                var live = chunk.Where(s => !_failed.Contains(s.Account)).ToList();
                if (live.Count == 0)
                {
                    continue;
                }

                try
                {
                    await ExecuteAsync(string.Join(";\n", live.Select(s => s.Statement.Sql)), cancellationToken);
                    _executed += live.Count;
                }
                catch (MySqlException ex) when (!IsConnectionLoss(ex))
                {
                    await OneByOneAsync(step.Key, live, cancellationToken);
                }

                foreach (var (account, statement) in live.Where(s => !_failed.Contains(s.Account)))
                {
                    Count(account, statement.Step);
                }
            }
        }

        return new AccountSyncResult(plan.Accounts.Count, _created.Count, _changed.Count, _dropped.Count, _failed.Count, _executed, _notes);
    }

    public static bool IsConnectionLoss(MySqlException ex) =>
        ex.ErrorCode is MySqlErrorCode.UnableToConnectToHost || ex.Number is 2006 or 2013 or 1927 or 1053;

    private async Task OneByOneAsync(AccountStep step, List<(AccountName Account, AccountStatement Statement)> batch, CancellationToken cancellationToken)
    {
        var names = batch.Select(s => s.Account).Distinct().ToList();
        var inventory = await AccountReader.ReadAsync(target, names.Contains, cancellationToken);
        var diff = new AccountDiff(inventory.Version);
        foreach (var name in names)
        {
            foreach (var statement in diff.Compare(_desired.GetValueOrDefault(name), inventory.Find(name)).Statements.Where(s => s.Step == step))
            {
                try
                {
                    await ExecuteAsync(statement.Sql, cancellationToken);
                    _executed++;
                }
                catch (MySqlException ex) when (!IsConnectionLoss(ex))
                {
                    _failed.Add(name);
                    _notes.Add(new AccountNote(name.ToString(), AccountNoteSeverity.Error, "target-refused",
                        $"The target refused `{statement.Display}`: error {ex.Number}: {ex.Message}. The account's remaining statements were not run.",
                        "Fix the cause on the target (or on the source), then run `flexmigrate users` again: it only adds what is missing."));
                    break;
                }
            }
        }
    }

    private void Count(AccountName account, AccountStep step)
    {
        if (step == AccountStep.Create)
        {
            _created.Add(account);
        }
        else if (step == AccountStep.Drop)
        {
            _dropped.Add(account);
        }
        else if (!_created.Contains(account))
        {
            _changed.Add(account);
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new MySqlCommand(sql, target);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
