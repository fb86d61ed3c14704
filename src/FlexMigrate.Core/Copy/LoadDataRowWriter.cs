using System.Buffers;
using System.IO.Pipelines;
using MySqlConnector;

namespace FlexMigrate.Core.Copy;

/// <summary>
/// Encodes source rows into the LOAD DATA text format, streaming into a pipe: fields separated by tab, rows ended by
/// newline, NULL as \N, and the bytes that would be read as syntax (tab, newline, backslash, NUL) escaped with a
/// backslash. The load runs with CHARACTER SET binary, so every other byte reaches the column untouched.
/// See https://mariadb.com/kb/en/load-data-infile/ (FIELDS ESCAPED BY).
/// <para>
/// Rows are encoded into one block of the pipe's memory at a time and handed to the pipe (Advance) once per block:
/// the pipe takes a lock on every Advance, and one per field made the encoder contend with the LOAD DATA stream
/// reading the other end (~15% of the process's CPU in a profile, docs/benchmarks.md "Copy speed, issue 18").
/// </para>
/// </summary>
internal sealed class LoadDataRowWriter
{
    private const int PieceSize = 64 * 1024;
    private const int FlushThreshold = 256 * 1024;
    private const int BlockSize = 64 * 1024;
    private static readonly SearchValues<byte> Special = SearchValues.Create("\0\t\n\\"u8);

    private readonly PipeWriter _output;
    private readonly int _fieldCount;
    private readonly long[] _lengths;
    private readonly byte[] _piece = new byte[PieceSize];
    private Memory<byte> _block;
    private int _used;
    private long _unflushed;

    public LoadDataRowWriter(PipeWriter output, int fieldCount, int readerFieldCount)
    {
        _output = output;
        _fieldCount = fieldCount;
        _lengths = new long[readerFieldCount];
    }

    /// <summary>Bytes written so far.</summary>
    public long Bytes { get; private set; }

    /// <summary>
    /// Measures the current row: each field's length (-1 for NULL) and the row's total size, as the server would
    /// have to hold it in one packet.
    /// </summary>
    public long MeasureRow(MySqlDataReader reader)
    {
        long total = 0;
        for (var i = 0; i < _lengths.Length; i++)
        {
            var length = reader.IsDBNull(i) ? -1 : reader.GetBytes(i, 0, null, 0, 0);
            _lengths[i] = length;
            if (i < _fieldCount)
                total += Math.Max(length, 0) + 1;
        }
        return total;
    }

    /// <summary>Writes the row measured last; flushes (and so waits for the target) once enough is buffered.</summary>
    public async ValueTask WriteRowAsync(MySqlDataReader reader, CancellationToken cancellationToken)
    {
        for (var i = 0; i < _fieldCount; i++)
        {
            var length = _lengths[i];
            if (length < 0)
                Write("\\N"u8);
            else if (length <= PieceSize)
                WriteField(reader, i, 0, (int)length);
            else
                await WriteLargeFieldAsync(reader, i, length, cancellationToken);
            Write(i == _fieldCount - 1 ? "\n"u8 : "\t"u8);
        }
        if (_unflushed >= FlushThreshold)
            await FlushAsync(cancellationToken);
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        Commit();
        _unflushed = 0;
        var result = await _output.FlushAsync(cancellationToken);
        if (result.IsCompleted)
            throw new OperationCanceledException("The target stopped reading the load stream.");
    }

    private async ValueTask WriteLargeFieldAsync(MySqlDataReader reader, int ordinal, long length,
        CancellationToken cancellationToken)
    {
        for (long offset = 0; offset < length; offset += PieceSize)
        {
            WriteField(reader, ordinal, offset, (int)Math.Min(PieceSize, length - offset));
            if (_unflushed >= FlushThreshold)
                await FlushAsync(cancellationToken);
        }
    }

    private void WriteField(MySqlDataReader reader, int ordinal, long offset, int length)
    {
        if (length == 0)
            return;
        var read = (int)reader.GetBytes(ordinal, offset, _piece, 0, length);
        WriteEscaped(_piece.AsSpan(0, read));
    }

    private void WriteEscaped(ReadOnlySpan<byte> value)
    {
        // Worst case every byte doubles; ask for that much once instead of checking per byte.
        var span = Reserve(value.Length * 2);
        var written = 0;
        while (true)
        {
            var next = value.IndexOfAny(Special);
            if (next < 0)
            {
                value.CopyTo(span[written..]);
                written += value.Length;
                break;
            }
            value[..next].CopyTo(span[written..]);
            written += next;
            span[written++] = (byte)'\\';
            span[written++] = value[next] == 0 ? (byte)'0' : value[next];
            value = value[(next + 1)..];
        }
        Wrote(written);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        Wrote(bytes.Length);
    }

    /// <summary>At least <paramref name="size"/> free bytes of the current block, starting a new block when needed.</summary>
    private Span<byte> Reserve(int size)
    {
        if (_block.Length - _used < size)
        {
            Commit();
            _block = _output.GetMemory(Math.Max(size, BlockSize));
        }
        return _block.Span[_used..];
    }

    private void Wrote(int count)
    {
        _used += count;
        _unflushed += count;
        Bytes += count;
    }

    /// <summary>Hands the bytes encoded into the current block to the pipe; the block cannot be written after this.</summary>
    private void Commit()
    {
        if (_used > 0)
            _output.Advance(_used);
        _block = Memory<byte>.Empty;
        _used = 0;
    }
}
