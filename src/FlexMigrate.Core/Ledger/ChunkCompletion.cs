using FlexMigrate.Core.Copy;

namespace FlexMigrate.Core.Ledger;

/// <summary>
/// The <see cref="ChunkCommitHook"/> that records a chunk's completion in the ledger, in the transaction that
/// loads its rows: the chunk marked copied and the run's row count, both or neither.
/// </summary>
public static class ChunkCompletion
{
    public static ChunkCommitHook For(string migrationId, string database, string table, int chunkIndex) =>
        async (target, transaction, rows, bytes, cancellationToken) =>
        {
            await ChunkLedger.MarkCopiedAsync(target, transaction, migrationId, database, table, chunkIndex, rows, bytes, cancellationToken)
                .ConfigureAwait(false);
            await RunLedger.AddRowsAsync(target, transaction, migrationId, rows, cancellationToken).ConfigureAwait(false);
        };
}
