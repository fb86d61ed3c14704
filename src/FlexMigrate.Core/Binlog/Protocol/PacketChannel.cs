namespace FlexMigrate.Core.Binlog.Protocol;

/// <summary>
/// MySQL packet framing over a byte stream: `len(3 LE) | seq(1) | payload`. Payloads of 0xFFFFFF bytes or more are
/// split into 0xFFFFFF chunks ending with a shorter (possibly empty) one, and joined again on read.
/// See https://dev.mysql.com/doc/dev/mysql-server/latest/page_protocol_basic_packets.html
/// The returned payload memory is reused: it is valid until the next read.
/// </summary>
internal sealed class PacketChannel : IAsyncDisposable
{
    public const int MaxChunk = 0xFFFFFF;

    private readonly byte[] _header = new byte[4];
    private byte[] _buffer = new byte[64 * 1024];
    private Stream _stream;
    private byte _sequence;
    private CancellationTokenSource? _timeoutSource;
    private CancellationToken _timeoutOwner;

    public PacketChannel(Stream stream, TimeSpan readTimeout)
    {
        _stream = stream;
        ReadTimeout = readTimeout;
    }

    public TimeSpan ReadTimeout { get; set; }

    /// <summary>Bytes read from the stream, headers included (for throughput figures).</summary>
    public long BytesRead { get; private set; }

    /// <summary>Swaps the underlying stream (plain socket to TLS) keeping the sequence number.</summary>
    public void ReplaceStream(Stream stream) => _stream = stream;

    public Stream Stream => _stream;

    /// <summary>Each command starts a new sequence at 0.</summary>
    public void ResetSequence() => _sequence = 0;

    public async ValueTask<ReadOnlyMemory<byte>> ReadPacketAsync(CancellationToken cancellationToken)
    {
        var timeout = ArmTimeout(cancellationToken);
        try
        {
            var total = 0;
            while (true)
            {
                await _stream.ReadExactlyAsync(_header, timeout).ConfigureAwait(false);
                var length = _header[0] | (_header[1] << 8) | (_header[2] << 16);
                if (_header[3] != _sequence)
                {
                    throw new BinlogFormatException($"Malformed packet: sequence {_header[3]} where {_sequence} was expected (stream out of sync).");
                }

                _sequence++;
                EnsureCapacity(total + length);
                await _stream.ReadExactlyAsync(_buffer.AsMemory(total, length), timeout).ConfigureAwait(false);
                total += length;
                BytesRead += length + 4;
                if (length < MaxChunk)
                {
                    return _buffer.AsMemory(0, total);
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BinlogConnectionLostException($"No data from the server for {ReadTimeout.TotalSeconds:0.#} s (read timeout; heartbeats should arrive sooner).");
        }
        catch (EndOfStreamException ex)
        {
            throw new BinlogConnectionLostException("The server closed the connection.", ex);
        }
        catch (IOException ex)
        {
            throw new BinlogConnectionLostException($"Connection to the server failed: {ex.Message}", ex);
        }
    }

    public async ValueTask WritePacketAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        try
        {
            var offset = 0;
            while (true)
            {
                var chunk = Math.Min(MaxChunk, payload.Length - offset);
                var header = new byte[4];
                header[0] = (byte)chunk;
                header[1] = (byte)(chunk >> 8);
                header[2] = (byte)(chunk >> 16);
                header[3] = _sequence++;
                await _stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                await _stream.WriteAsync(payload.Slice(offset, chunk), cancellationToken).ConfigureAwait(false);
                offset += chunk;
                if (chunk < MaxChunk)
                {
                    break;
                }
            }

            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new BinlogConnectionLostException($"Connection to the server failed while writing: {ex.Message}", ex);
        }
    }

    public ValueTask DisposeAsync()
    {
        _timeoutSource?.Dispose();
        return _stream.DisposeAsync();
    }

    // One linked source per caller token, re-armed per packet: a fresh source per packet would allocate on the hot path.
    private CancellationToken ArmTimeout(CancellationToken cancellationToken)
    {
        if (_timeoutSource is null || _timeoutOwner != cancellationToken || _timeoutSource.IsCancellationRequested)
        {
            _timeoutSource?.Dispose();
            _timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _timeoutOwner = cancellationToken;
        }

        _timeoutSource.CancelAfter(ReadTimeout);
        return _timeoutSource.Token;
    }

    private void EnsureCapacity(int size)
    {
        if (size <= _buffer.Length)
        {
            return;
        }

        var grown = new byte[Math.Max(size, (int)Math.Min(Array.MaxLength, (long)_buffer.Length * 2))];
        Buffer.BlockCopy(_buffer, 0, grown, 0, _buffer.Length);
        _buffer = grown;
    }
}
