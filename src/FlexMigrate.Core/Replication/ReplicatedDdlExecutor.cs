using FlexMigrate.Core.Binlog;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// Runs the statements <see cref="DdlPolicy"/> decided for a replicated DDL on the target as the source ran them: the
/// statement's bytes in its client's character set, under the session its QUERY event logged (sql_mode, character set
/// and collations, time zone, lc_time_names, the source's clock), in its default database, as a replica's SQL thread
/// does. A view or routine created from a latin1 client keeps its latin1 bytes, literals and character_set_client; a
/// table created under ANSI_QUOTES parses as it did. Runs in its own session (<see cref="RawSqlSession"/>), opened at
/// the first DDL; the applier commits its rows before.
/// </summary>
internal sealed class ReplicatedDdlExecutor(string targetConnectionString, ReplicationScope scope, ReplicationBatch batch) : IAsyncDisposable
{
    // Errors a DDL gives when it already ran (the crash came between the DDL's implicit commit and its checkpoint).
    private static readonly HashSet<int> AlreadyAppliedErrors = [1007, 1008, 1050, 1051, 1054, 1060, 1061, 1091, 1146, 1304, 1305, 1359, 1360];

    private const int UnknownDatabase = 1049;

    private RawSqlSession? _session;

    /// <param name="change">The statement, its bytes and session.</param>
    /// <param name="decision">What to run.</param>
    /// <param name="position">Where the transaction ends, for messages.</param>
    /// <param name="first">The first transaction after the stored checkpoint: it may have run before a crash.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    public async Task RunAsync(DdlChange change, DdlDecision decision, BinlogPosition position, bool first, CancellationToken cancellationToken)
    {
        _session ??= await RawSqlSession.OpenAsync(targetConnectionString, "target", cancellationToken).ConfigureAwait(false);
        var database = change.Database.Length > 0 && scope.IncludesDatabase(change.Database) ? change.Database : null;
        var session = change.Session ?? new SessionState();
        foreach (var statement in decision.Statements)
        {
            try
            {
                Note(statement, position, await ExecuteAsync(statement, session, database, cancellationToken).ConfigureAwait(false));
            }
            catch (RawSqlException ex) when (first && AlreadyAppliedErrors.Contains(ex.Number))
            {
                batch.Note($"`{DdlPolicy.Head(statement.Text)}` at {position} was already applied before a restart (target error {ex.Number}); continuing.");
            }
            catch (RawSqlException ex)
            {
                throw new UserActionRequiredException(
                    $"The target server {_session.Server} rejected a statement replicated from source binlog position {position}: `{DdlPolicy.Head(statement.Text)}`: " +
                    $"error {ex.Number}: {ex.ServerMessage}. Make the target accept it (or apply an equivalent change there yourself), or exclude the table, then resume.", ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<StatementOutcome> ExecuteAsync(StatementBytes statement, SessionState session, string? database, CancellationToken cancellationToken)
    {
        try
        {
            return await _session!.ExecuteAsync(statement, session, database, cancellationToken).ConfigureAwait(false);
        }
        catch (RawSqlException ex) when (ex.Number == UnknownDatabase && database is not null)
        {
            // CREATE DATABASE of the default database itself: there is nothing to use yet.
            return await _session!.ExecuteAsync(statement, session, null, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Note(StatementBytes statement, BinlogPosition position, StatementOutcome outcome)
    {
        foreach (var (_, text) in outcome.Remarks())
        {
            batch.Note($"`{DdlPolicy.Head(statement.Text)}` at {position}: run {text}");
        }
    }
}
