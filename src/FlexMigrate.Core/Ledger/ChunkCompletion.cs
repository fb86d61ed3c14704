using FlexMigrate.Core.Copy;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// The <see cref="ChunkCommitHook"/> that records a chunk's completion in the ledger, in the transaction that
/// loads its rows: the chunk marked copied (with its rows and the run that copied it) or neither. It touches the
/// chunk's own ledger row only: a run's rows are summed from its chunks when read, since a shared counter row would
/// make every chunk in flight wait for the others' commits.
/// </summary>
public static class ChunkCompletion
{
    public static ChunkCommitHook For(string migrationId, string database, string table, int chunkIndex) =>
        async (target, transaction, rows, bytes, cancellationToken) =>
        {
            await ChunkLedger.MarkCopiedAsync(target, transaction, migrationId, database, table, chunkIndex, rows, bytes, cancellationToken)
                .ConfigureAwait(false);
        };
}
