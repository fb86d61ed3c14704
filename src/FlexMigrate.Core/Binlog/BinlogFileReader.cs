using FlexMigrate.Core.Binlog.Events;

namespace FlexMigrate.Core.Binlog;

/// <summary>
/// Decodes a binlog file from disk with the same decoder as the network stream (no server needed). Column names come
/// from the binlog's optional metadata (binlog_row_metadata=FULL), else they read @1, @2, ... and integers as signed.
/// Used for offline inspection and to benchmark the decoder beside mariadb-binlog on the same file.
/// </summary>
public static class BinlogFileReader
{
    private static readonly byte[] Magic = [0xFE, (byte)'b', (byte)'i', (byte)'n'];

    public static IEnumerable<BinlogTransaction> ReadTransactions(string path, BinlogReadOptions options)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan);
        var magic = new byte[4];
        if (file.Read(magic) != 4 || !magic.AsSpan().SequenceEqual(Magic))
        {
            throw new BinlogFormatException($"{path} is not a binlog file (no 0xFE 'bin' magic).");
        }

        var decoder = new EventStreamDecoder(null, options);
        // A file starts without the server's fake ROTATE; name it so positions read file:offset.
        decoder.StartFile(Path.GetFileName(path), 4);
        var header = new byte[EventHeader.Size];
        var buffer = new byte[1 << 16];
        while (true)
        {
            var read = file.ReadAtLeast(header, EventHeader.Size, throwOnEndOfStream: false);
            if (read == 0)
            {
                yield break;
            }

            if (read < EventHeader.Size)
            {
                throw new BinlogFormatException($"{path} ends inside an event header ({read} bytes).");
            }

            var size = BitConverter.ToUInt32(header, 9);
            if (size < EventHeader.Size || size > int.MaxValue)
            {
                throw new BinlogFormatException($"{path}: event at offset {file.Position - EventHeader.Size} claims {size} bytes.");
            }

            if (buffer.Length < size)
            {
                buffer = new byte[Math.Max(size, buffer.Length * 2)];
            }

            header.CopyTo(buffer, 0);
            file.ReadExactly(buffer, EventHeader.Size, (int)size - EventHeader.Size);
            var completed = Process(decoder, buffer.AsSpan(0, (int)size));
            if (completed is not null)
            {
                yield return completed;
            }
        }
    }

    private static BinlogTransaction? Process(EventStreamDecoder decoder, ReadOnlySpan<byte> evt)
    {
        var step = decoder.Process(evt);
        if (step == DecodeStep.Committed)
        {
            return decoder.TakeCompleted();
        }

        if (step != DecodeStep.Payload)
        {
            return null;
        }

        var payload = decoder.PendingPayload!;
        BinlogTransaction? completed = null;
        foreach (var (offset, size) in TransactionPayloadReader.SplitEvents(payload))
        {
            if (decoder.Process(payload.AsSpan(offset, size), nested: true) == DecodeStep.Committed)
            {
                completed = decoder.TakeCompleted();
            }
        }

        return completed;
    }
}
