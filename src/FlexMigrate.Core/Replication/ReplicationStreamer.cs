using System.Threading.Channels;
using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Core.Replication;

/// <summary>
/// The stream role of replay: reads the source's binlog from a checkpoint into a bounded channel of whole
/// transactions (a reader task, so decoding overlaps applying on two cores), filtered to the migration's databases
/// (and, when accounts are migrated, keeping account statements), and answers where the source's binlog ends.
/// </summary>
internal sealed class ReplicationStreamer(string sourceConnectionString, ReplicationScope scope, ReplicationApplierOptions options)
{
    // Decoded transactions the reader may hold ahead of the applier: enough to overlap, bounded for memory (big rows).
    private const int ReadAhead = 256;

    private readonly BinlogClient _client = new(sourceConnectionString);

    /// <summary>
    /// Starts reading from <paramref name="from"/>; the channel completes with the reader's failure, if any. The
    /// returned task ends when the reader has stopped (after <paramref name="stop"/> is cancelled).
    /// </summary>
    public (ChannelReader<BinlogTransaction> Transactions, Task Reading) Start(BinlogPosition from, CancellationToken stop)
    {
        var channel = Channel.CreateBounded<BinlogTransaction>(new BoundedChannelOptions(ReadAhead) { SingleWriter = true, SingleReader = true });
        var reading = Task.Run(() => ReadAsync(from, channel.Writer, stop), CancellationToken.None);
        return (channel.Reader, reading);
    }

    /// <summary>True when a transaction is ready, false after the timeout, null when the stream completed.</summary>
    public static async Task<bool?> WaitAsync(ChannelReader<BinlogTransaction> reader, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        try
        {
            return await reader.WaitToReadAsync(timer.Token).ConfigureAwait(false) ? true : null;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>The source's current binlog end.</summary>
    public Task<BinlogPosition> SourceEndAsync(CancellationToken cancellationToken) => _client.GetCurrentPositionAsync(cancellationToken);

    /// <summary>True when the stream from <paramref name="from"/> holds no transaction up to <paramref name="end"/> (non-blocking read).</summary>
    public async Task<bool> NoTransactionsBetweenAsync(BinlogPosition from, BinlogPosition end, CancellationToken cancellationToken)
    {
        var readOptions = new BinlogReadOptions { ServerId = options.ServerId, StopAtEnd = true, DatabaseFilter = _ => false };
        await foreach (var transaction in _client.ReadTransactionsAsync(BinlogStartPosition.At(from), readOptions, cancellationToken).ConfigureAwait(false))
        {
            if (transaction.EndPosition <= end)
            {
                return false;
            }
        }

        return true;
    }

    private async Task ReadAsync(BinlogPosition from, ChannelWriter<BinlogTransaction> writer, CancellationToken cancellationToken)
    {
        try
        {
            var readOptions = new BinlogReadOptions
            {
                ServerId = options.ServerId,
                DatabaseFilter = scope.IncludesDatabase,
                KeepStatement = options.Accounts is null ? null : sql => DdlClassifier.Classify(sql, "").Kind == DdlObjectKind.Account,
            };
            await foreach (var transaction in _client.ReadTransactionsAsync(BinlogStartPosition.At(from), readOptions, cancellationToken).ConfigureAwait(false))
            {
                await writer.WriteAsync(transaction, cancellationToken).ConfigureAwait(false);
            }

            writer.TryComplete();
        }
        catch (Exception ex)
        {
            writer.TryComplete(ex);
        }
    }
}
