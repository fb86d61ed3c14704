using System.Globalization;
using FlexMigrate.Core.Binlog.Events;
using FlexMigrate.Core.Binlog.Protocol;
using FlexMigrate.Core.Binlog.Schema;
using FlexMigrate.Core.Sql;

namespace FlexMigrate.Core.Binlog;

/// <summary>
/// One replication connection's life: session setup, the dump command, then events fed to the decoder until a
/// transaction commits. A lost connection surfaces as <see cref="BinlogConnectionLostException"/>; the client then
/// opens a new session at the last committed position.
/// </summary>
internal sealed class BinlogDumpSession : IAsyncDisposable
{
    private const ushort NonBlock = 0x01;
    private const ushort SendAnnotateRows = 0x02;

    // Errors that mean "this connection is gone" rather than "this request is wrong": killed, shutdown, lost.
    private static readonly HashSet<int> ConnectionErrors = [1053, 1152, 1159, 1161, 1927, 2013, 4031];

    private readonly ProtocolConnection _connection;
    private readonly EventStreamDecoder _decoder;
    private readonly TableSchemaCatalog? _catalog;
    private readonly string _startDescription;

    private BinlogDumpSession(ProtocolConnection connection, EventStreamDecoder decoder, TableSchemaCatalog? catalog, string startDescription)
    {
        _connection = connection;
        _decoder = decoder;
        _catalog = catalog;
        _startDescription = startDescription;
    }

    public long BytesRead => _connection.Channel.BytesRead;

    /// <summary>The server's thread id of this dump connection (what KILL takes).</summary>
    public uint ConnectionId => _connection.Handshake.ConnectionId;

    public static async Task<BinlogDumpSession> StartAsync(BinlogConnectionSettings settings, BinlogStartPosition start, BinlogReadOptions options,
        uint serverId, EventStreamDecoder decoder, TableSchemaCatalog? catalog, CancellationToken cancellationToken)
    {
        var connection = await ProtocolConnection.OpenAsync(settings, options.ReadTimeout, cancellationToken).ConfigureAwait(false);
        try
        {
            var session = new BinlogDumpSession(connection, decoder, catalog, start.ToString());
            await session.SetUpAsync(start, options, serverId, cancellationToken).ConfigureAwait(false);
            return session;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Reads until the next commit; null at the end of the log (non-blocking mode only).</summary>
    public async Task<BinlogTransaction?> NextAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var packet = await _connection.ReadPacketAsync(cancellationToken).ConfigureAwait(false);
            var step = Step(packet.Span);
            switch (step)
            {
                case null:
                    return null;
                case DecodeStep.Committed:
                    return _decoder.TakeCompleted();
                case DecodeStep.NeedsSchema:
                    await LoadPendingAsync(cancellationToken).ConfigureAwait(false);
                    break;
                case DecodeStep.Payload:
                    var done = await ProcessPayloadAsync(cancellationToken).ConfigureAwait(false);
                    if (done is not null)
                    {
                        return done;
                    }

                    break;
            }
        }
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private DecodeStep? Step(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            throw new BinlogFormatException($"Empty packet in the binlog stream from {_connection.Server}.");
        }

        switch (packet[0])
        {
            case 0x00:
                return _decoder.Process(packet[1..]);
            case 0xFE when packet.Length < 9:
                return null;
            case 0xFF:
                throw MapStreamError(ErrorPacket.Parse(packet));
            default:
                throw new BinlogFormatException($"Unexpected packet 0x{packet[0]:X2} in the binlog stream from {_connection.Server}.");
        }
    }

    private async Task LoadPendingAsync(CancellationToken cancellationToken)
    {
        var map = _decoder.PendingTable!;
        await _catalog!.LoadAsync(map.Database, map.Table, cancellationToken).ConfigureAwait(false);
        _decoder.ResolvePending();
    }

    // A TRANSACTION_PAYLOAD holds one whole transaction: its events back to back, each sized by its header.
    private async Task<BinlogTransaction?> ProcessPayloadAsync(CancellationToken cancellationToken)
    {
        var payload = _decoder.PendingPayload!;
        BinlogTransaction? completed = null;
        foreach (var (offset, size) in TransactionPayloadReader.SplitEvents(payload))
        {
            var step = _decoder.Process(payload.AsSpan(offset, size), nested: true);
            if (step == DecodeStep.NeedsSchema)
            {
                await LoadPendingAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (step == DecodeStep.Committed)
            {
                completed = _decoder.TakeCompleted();
            }
        }

        return completed;
    }

    private async Task SetUpAsync(BinlogStartPosition start, BinlogReadOptions options, uint serverId, CancellationToken cancellationToken)
    {
        var checksum = (await _connection.QueryAsync("SELECT @@global.binlog_checksum", cancellationToken).ConfigureAwait(false))
            .FirstOrDefault()?[0] ?? "NONE";
        await ExecAsync($"SET @master_binlog_checksum = {SqlText.Literal(checksum)}, @source_binlog_checksum = {SqlText.Literal(checksum)}", cancellationToken).ConfigureAwait(false);
        _decoder.SessionChecksum = checksum.Equals("CRC32", StringComparison.OrdinalIgnoreCase);
        var heartbeatNs = (long)options.HeartbeatInterval.TotalMilliseconds * 1_000_000L;
        await ExecAsync($"SET @master_heartbeat_period = {heartbeatNs}, @source_heartbeat_period = {heartbeatNs}", cancellationToken).ConfigureAwait(false);
        await ExecAsync("SET @mariadb_slave_capability = 4", cancellationToken).ConfigureAwait(false);
        var uuid = Guid.NewGuid().ToString("D");
        await ExecAsync($"SET @slave_uuid = {SqlText.Literal(uuid)}, @replica_uuid = {SqlText.Literal(uuid)}", cancellationToken).ConfigureAwait(false);
        // A slow consumer must not be cut off by the source's write timeout (pitfall 14).
        await ExecAsync("SET SESSION net_write_timeout = 3600", cancellationToken).ConfigureAwait(false);

        var flags = (ushort)((options.StopAtEnd ? NonBlock : 0) | (options.IncludeStatements && _connection.Handshake.IsMariaDb ? SendAnnotateRows : 0));
        if (start.MariaDbGtid is { } maria)
        {
            await ExecAsync($"SET @slave_connect_state = {SqlText.Literal(maria.ToString())}, @slave_gtid_strict_mode = 0, @slave_gtid_ignore_duplicates = 0", cancellationToken).ConfigureAwait(false);
            await _connection.SendBinlogDumpAsync("", 4, flags, serverId, cancellationToken).ConfigureAwait(false);
        }
        else if (start.MySqlGtids is { } mysql)
        {
            await _connection.SendBinlogDumpGtidAsync(mysql, flags, serverId, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            var p = start.FilePosition ?? throw new ArgumentException("Resolve the current end before starting a session.", nameof(start));
            if (p.Offset > uint.MaxValue)
            {
                throw new BinlogException($"Position {p} is past 4 GB; COM_BINLOG_DUMP takes a 4-byte offset. Start from a GTID set instead.");
            }

            await _connection.SendBinlogDumpAsync(p.File, (uint)p.Offset, flags, serverId, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ExecAsync(string sql, CancellationToken cancellationToken)
    {
        try
        {
            await _connection.ExecuteAsync(sql, cancellationToken).ConfigureAwait(false);
        }
        catch (BinlogServerException ex) when (ex.ErrorCode == 1193 && sql.Contains("net_write_timeout", StringComparison.Ordinal))
        {
            // Servers without the variable (proxies) are fine without the raise.
        }
    }

    private BinlogException MapStreamError(ErrorPacket error)
    {
        if (ConnectionErrors.Contains(error.Code))
        {
            return new BinlogConnectionLostException($"{_connection.Server} ended the binlog stream: error {error.Code.ToString(CultureInfo.InvariantCulture)} {error.Message}");
        }

        if (error.Code == 1236)
        {
            var message = error.Message;
            if (message.Contains("not open", StringComparison.OrdinalIgnoreCase) || message.Contains("binary logging", StringComparison.OrdinalIgnoreCase))
            {
                return new BinlogDisabledException(_connection.Server);
            }

            if (message.Contains("purged", StringComparison.OrdinalIgnoreCase) || message.Contains("Could not find", StringComparison.OrdinalIgnoreCase)
                || message.Contains("position > file size", StringComparison.OrdinalIgnoreCase) || message.Contains("first log file", StringComparison.OrdinalIgnoreCase))
            {
                return new BinlogPositionPurgedException(_connection.Server, error.Code, error.SqlState, message, _startDescription);
            }
        }

        return error.ToException(_connection.Server);
    }
}
