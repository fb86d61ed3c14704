using FlexMigrate.Core.Accounts;
using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Replays one account statement from the binlog: the accounts it names (<see cref="AccountStatementNames"/>) that
/// --users selects are made equal on the target to what they are on the source now (<see cref="AccountMigrator"/>),
/// translated as in the initial account copy. Syncing state rather than re-running the statement keeps replay
/// idempotent and keeps secrets out: MariaDB writes IDENTIFIED BY 'plain text' into the binlog, MySQL 8 binary hashes.
/// </summary>
internal static class AccountReplay
{
    /// <remarks>
    /// Grants are written only on objects already on the target (no migrated databases are assumed): a grant on a
    /// routine or table that arrives later in the stream waits for the account sync at catch-up or cutover instead
    /// of failing here.
    /// </remarks>
    public static async Task SyncAsync(string sourceConnectionString, string targetConnectionString, AccountSelection selection, string sql,
        BinlogPosition position, Action<string> note, CancellationToken cancellationToken)
    {
        var names = AccountStatementNames.Of(sql);
        var what = AccountStatementNames.Describe(sql);
        if (names is not null && !names.Any(selection.Matches))
        {
            note($"Account statement at {position} not replicated (no account of it is selected by --users): {what}");
            return;
        }

        var plan = new AccountPlanOptions(selection, RefuseExisting: false, []) { Only = names };
        var result = await new AccountMigrator(sourceConnectionString, targetConnectionString).SyncAsync(plan, cancellationToken).ConfigureAwait(false);
        note($"Account statement at {position} replayed: {what} ({result.Statements} statements on the target).");
        foreach (var problem in result.Notes.Where(n => n.Severity == AccountNoteSeverity.Error))
        {
            note($"Account {problem.Account}: {problem.Message} {problem.Remedy}".TrimEnd());
        }
    }
}
