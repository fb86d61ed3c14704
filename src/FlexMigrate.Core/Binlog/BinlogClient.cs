using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using FlexMigrate.Core.Binlog.Events;
using FlexMigrate.Core.Binlog.Schema;
using MySqlConnector;

namespace FlexMigrate.Core.Binlog;

/// <summary>
/// Streams a source's binary log as committed transactions, decoded exactly, and resumes on its own after a lost
/// connection from the end of the last transaction it yielded (so a consumer sees no gap; it may see nothing twice
/// within one enumeration, and after a restart from a saved <see cref="BinlogTransaction.EndPosition"/> neither).
/// <code>
/// var client = new BinlogClient(BinlogConnectionSettings.FromConnectionString(cs));
/// var start = BinlogStartPosition.At(await client.GetCurrentPositionAsync(ct));
/// await foreach (var tx in client.ReadTransactionsAsync(start, new BinlogReadOptions(), ct)) { apply(tx); save(tx.EndPosition); }
/// </code>
/// The source needs binlog_format=ROW and binlog_row_image=FULL; the user needs REPLICATION SLAVE and REPLICATION CLIENT.
/// </summary>
public sealed class BinlogClient(BinlogConnectionSettings settings)
{
    private long _heartbeats;
    private long _events;
    private long _bytes;

    public BinlogClient(string connectionString)
        : this(BinlogConnectionSettings.FromConnectionString(connectionString))
    {
    }

    public BinlogConnectionSettings Settings { get; } = settings;

    /// <summary>Heartbeat events received so far (the source sends one per idle <see cref="BinlogReadOptions.HeartbeatInterval"/>).</summary>
    public long HeartbeatsReceived => Interlocked.Read(ref _heartbeats);

    /// <summary>Events decoded so far, across reconnects.</summary>
    public long EventsReceived => Interlocked.Read(ref _events);

    /// <summary>Stream bytes read so far (packet headers included), across reconnects.</summary>
    public long BytesReceived => Interlocked.Read(ref _bytes);

    /// <summary>How many times the stream reconnected after a lost connection.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Thread id of the current dump connection on the source (for diagnostics and tests).</summary>
    public uint CurrentConnectionId { get; private set; }

    /// <summary>The server id the last stream presented.</summary>
    public uint ServerId { get; private set; }

    /// <summary>The end of the binary log now (SHOW MASTER STATUS; SHOW BINARY LOG STATUS on MySQL 8.4).</summary>
    public async Task<BinlogPosition> GetCurrentPositionAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenSqlAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await ReadStatusAsync(connection, "SHOW MASTER STATUS", cancellationToken).ConfigureAwait(false);
        }
        catch (MySqlException ex) when (ex.Number == 1064)
        {
            return await ReadStatusAsync(connection, "SHOW BINARY LOG STATUS", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The GTID state now: @@gtid_binlog_pos on MariaDB, @@gtid_executed on MySQL (empty when GTIDs are off).</summary>
    public async Task<BinlogStartPosition?> GetCurrentGtidsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenSqlAsync(cancellationToken).ConfigureAwait(false);
        var isMaria = connection.ServerVersion.Contains("MariaDB", StringComparison.OrdinalIgnoreCase);
        await using var command = new MySqlCommand(isMaria ? "SELECT @@global.gtid_binlog_pos" : "SELECT @@global.gtid_executed", connection);
        var text = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return isMaria ? BinlogStartPosition.AfterGtids(MariaDbGtidPosition.Parse(text)) : BinlogStartPosition.AfterGtids(MySqlGtidSet.Parse(text));
    }

    /// <summary>
    /// Committed transactions from <paramref name="start"/> on, in log order. Each carries its end position (save it
    /// after applying: it is the resume point) and its row changes and DDL in stream order. Runs until cancelled, or
    /// to the end of the log with <see cref="BinlogReadOptions.StopAtEnd"/>.
    /// </summary>
    public async IAsyncEnumerable<BinlogTransaction> ReadTransactionsAsync(BinlogStartPosition start, BinlogReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(options);
        if (start.AtCurrentEnd)
        {
            start = BinlogStartPosition.At(await GetCurrentPositionAsync(cancellationToken).ConfigureAwait(false));
        }

        ServerId = options.ServerId ?? await PickServerIdAsync(cancellationToken).ConfigureAwait(false);
        var catalog = new TableSchemaCatalog(Settings.ConnectionString);
        var decoder = new EventStreamDecoder(catalog, options) { MariaDbGtidState = start.MariaDbGtid };
        var resume = start;
        var failures = 0;
        var session = await BinlogDumpSession.StartAsync(Settings, resume, options, ServerId, decoder, catalog, cancellationToken).ConfigureAwait(false);
        CurrentConnectionId = session.ConnectionId;
        try
        {
            while (true)
            {
                BinlogTransaction? transaction;
                var eventsBefore = decoder.Events;
                var heartbeatsBefore = decoder.Heartbeats;
                var bytesBefore = session.BytesRead;
                try
                {
                    transaction = await session.NextAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (BinlogConnectionLostException) when (failures < options.MaxReconnectAttempts && !cancellationToken.IsCancellationRequested)
                {
                    failures++;
                    Reconnects++;
                    Account(decoder, eventsBefore, heartbeatsBefore, session.BytesRead - bytesBefore);
                    decoder.AbandonTransaction();
                    await session.DisposeAsync().ConfigureAwait(false);
                    await Task.Delay(options.ReconnectDelay, cancellationToken).ConfigureAwait(false);
                    session = await ReconnectAsync(resume, options, decoder, catalog, cancellationToken).ConfigureAwait(false);
                    CurrentConnectionId = session.ConnectionId;
                    continue;
                }

                Account(decoder, eventsBefore, heartbeatsBefore, session.BytesRead - bytesBefore);
                if (transaction is null)
                {
                    yield break;
                }

                failures = 0;
                resume = BinlogStartPosition.At(transaction.EndPosition);
                yield return transaction;
            }
        }
        finally
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<BinlogDumpSession> ReconnectAsync(BinlogStartPosition resume, BinlogReadOptions options, EventStreamDecoder decoder,
        TableSchemaCatalog catalog, CancellationToken cancellationToken)
    {
        // The server may still be restarting: a refused connection counts as the same failure, retried until the budget is spent.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await BinlogDumpSession.StartAsync(Settings, resume, options, ServerId, decoder, catalog, cancellationToken).ConfigureAwait(false);
            }
            catch (BinlogConnectionLostException) when (attempt < options.MaxReconnectAttempts)
            {
                await Task.Delay(options.ReconnectDelay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private void Account(EventStreamDecoder decoder, long eventsBefore, long heartbeatsBefore, long bytes)
    {
        Interlocked.Add(ref _events, decoder.Events - eventsBefore);
        Interlocked.Add(ref _heartbeats, decoder.Heartbeats - heartbeatsBefore);
        Interlocked.Add(ref _bytes, bytes);
    }

    private async Task<uint> PickServerIdAsync(CancellationToken cancellationToken)
    {
        var taken = new HashSet<uint>();
        await using var connection = await OpenSqlAsync(cancellationToken).ConfigureAwait(false);
        await using (var command = new MySqlCommand("SELECT @@global.server_id", connection))
        {
            taken.Add(Convert.ToUInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture));
        }

        try
        {
            await using var hosts = new MySqlCommand("SHOW SLAVE HOSTS", connection);
            await using var reader = await hosts.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                taken.Add(Convert.ToUInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
            }
        }
        catch (MySqlException)
        {
            // Needs REPLICATION MASTER ADMIN on MariaDB 10.5+; the random high range makes a collision unlikely anyway.
        }

        while (true)
        {
            var id = (uint)RandomNumberGenerator.GetInt32(1 << 30, int.MaxValue) + (uint)RandomNumberGenerator.GetInt32(0, 1 << 30);
            if (!taken.Contains(id))
            {
                return id;
            }
        }
    }

    private async Task<MySqlConnection> OpenSqlAsync(CancellationToken cancellationToken)
    {
        var connection = new MySqlConnection(Settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (MySqlException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw ex.Number is 1045 or 1698
                ? new BinlogAuthenticationException(Settings.DisplayName, ex.Number, ex.SqlState ?? "", ex.Message, "Check the user name and password (Azure Single Server needs user@servername).")
                : new BinlogConnectionLostException($"Cannot connect to {Settings.DisplayName}: {ex.Message}", ex);
        }
    }

    private async Task<BinlogPosition> ReadStatusAsync(MySqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new MySqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new BinlogDisabledException(Settings.DisplayName);
            }

            return new BinlogPosition(reader.GetString(0), Convert.ToUInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (MySqlException ex) when (ex.Number is 1227 or 1142)
        {
            throw new BinlogPrivilegeException(Settings.DisplayName, ex.Number, ex.SqlState ?? "", ex.Message);
        }
    }
}
