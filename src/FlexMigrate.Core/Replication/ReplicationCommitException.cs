using FlexMigrate.Core.Binlog;
using MySqlConnector;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The target refused a group of replayed source transactions, the session still alive: the group's commit, or a write
/// inside the open group (a full row buffer flushed before the commit, a foreign-key cascade's reads and writes, the
/// rows before a DDL statement, a parallel lane's share). The message names the binlog range, what was being written
/// (tables), the target and the server's error, and says what to do; the server's error is the inner exception.
/// Nothing of the group committed, so the checkpoint is still before it. Retried like any failed batch: a lock wait
/// passes, a constraint the source does not have needs the user.
/// </summary>
public sealed class ReplicationCommitException : Exception
{
    public ReplicationCommitException(string message)
        : base(message)
    {
    }

    public ReplicationCommitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ReplicationCommitException()
    {
    }

    /// <summary>
    /// The failure of the <paramref name="transactions"/> source transactions after <paramref name="from"/> up to
    /// <paramref name="to"/> on <paramref name="targetConnectionString"/> (only its host:port is named), while writing
    /// <paramref name="writing"/> (null: the group's commit).
    /// </summary>
    internal static ReplicationCommitException Refused(long transactions, BinlogPosition from, BinlogPosition to, string targetConnectionString,
        string? writing, MySqlException error) => new(
            $"Replaying the {transactions} source transaction(s) after {from} up to {to} on the target " +
            $"{ReplicationApplier.Describe(targetConnectionString)} failed{(writing is null ? "" : $" writing {writing}")}: {error.Message}. " +
            $"Nothing of them was committed and the checkpoint stays at {from}. Fix the cause on the target (a constraint, trigger or lock " +
            "the source does not have) and resume.", error);

    /// <summary>True for a server error the group's writer reports as <see cref="Refused"/>: not a lost session (the run reconnects) nor a cancel.</summary>
    internal static bool IsRefusal(MySqlException error, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && !ReplicationTargetSession.IsConnectionLoss(error);
}
