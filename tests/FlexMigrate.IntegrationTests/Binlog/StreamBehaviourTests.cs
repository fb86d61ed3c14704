using System.Security.Cryptography;
using FlexMigrate.Core.Binlog;
using FlexMigrate.IntegrationTests.Infrastructure;

namespace FlexMigrate.IntegrationTests.Binlog;

/// <summary>Transactions, big rows, rotation, heartbeats, resume and failures against the real MariaDB source.</summary>
[Collection(BinlogCollection.Name)]
public sealed class StreamBehaviourTests
{
    [Fact]
    public async Task Multi_row_inserts_updates_and_deletes_arrive_as_transactions_in_order()
    {
        const string db = "fm_binlog_dml";
        var from = await BinlogTestSupport.CreateTableAsync(db, "(id INT PRIMARY KEY, v VARCHAR(10))");
        await ServerPair.ExecSourceAsync($"""
            INSERT INTO {db}.t VALUES (1,'a'),(2,'b'),(3,'c');
            START TRANSACTION; UPDATE {db}.t SET v = CONCAT(v, '!') WHERE id < 3; DELETE FROM {db}.t WHERE id = 3; COMMIT;
            ALTER TABLE {db}.t ADD COLUMN w INT NULL;
            INSERT INTO {db}.t VALUES (4, 'd', 40);
            """);

        var txs = await BinlogTestSupport.ReadToEndAsync(from, db);

        Assert.Equal(4, txs.Count);
        Assert.Equal([RowOperation.Insert, RowOperation.Insert, RowOperation.Insert], txs[0].Changes.Cast<RowChange>().Select(r => r.Operation));
        var second = txs[1].Changes.Cast<RowChange>().ToList();
        Assert.Equal([RowOperation.Update, RowOperation.Update, RowOperation.Delete], second.Select(r => r.Operation));
        Assert.Equal("a"u8.ToArray(), second[0].Value("v", after: false));
        Assert.Equal("a!"u8.ToArray(), second[0].Value("v"));
        Assert.Equal(3L, second[2].Value("id", after: false));
        var ddl = Assert.IsType<DdlChange>(Assert.Single(txs[2].Changes));
        Assert.Equal("", ddl.Database); // issued without USE: the default database is empty
        Assert.StartsWith("ALTER TABLE", ddl.Sql, StringComparison.Ordinal);
        Assert.Equal(40L, ((RowChange)txs[3].Changes[0]).Value("w"));
        Assert.True(txs.Zip(txs.Skip(1)).All(p => p.First.EndPosition < p.Second.EndPosition));
        Assert.All(txs, t => Assert.Matches(@"^0-1-\d+$", t.Gtid!));
    }

    [Fact]
    public async Task A_row_over_16_MB_is_reassembled_from_several_packets()
    {
        const string db = "fm_binlog_big";
        var from = await BinlogTestSupport.CreateTableAsync(db, "(id INT PRIMARY KEY, b LONGBLOB)");
        await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t SELECT 1, RANDOM_BYTES(1024) FROM DUAL; UPDATE {db}.t SET b = REPEAT(CONCAT(b, 'x'), 20000) WHERE id = 1");
        var expected = (string)(await ServerPair.ScalarAsync(ServerPair.SourceConnectionString, $"SELECT SHA2(b, 256) FROM {db}.t"))!;

        var rows = (await BinlogTestSupport.ReadToEndAsync(from, db)).Rows().ToList();

        var update = rows.Single(r => r.Operation == RowOperation.Update);
        var after = (byte[])update.Value("b")!;
        Assert.Equal(1025 * 20000, after.Length);
        Assert.True(after.Length > 16 * 1024 * 1024);
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(after)));
    }

    [Fact]
    public async Task Rotation_mid_stream_continues_in_the_next_file()
    {
        const string db = "fm_binlog_rotate";
        var from = await BinlogTestSupport.CreateTableAsync(db, "(id INT PRIMARY KEY)");
        await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES (1); FLUSH BINARY LOGS; INSERT INTO {db}.t VALUES (2); FLUSH BINARY LOGS; INSERT INTO {db}.t VALUES (3)");

        var txs = await BinlogTestSupport.ReadToEndAsync(from, db);

        Assert.Equal([1L, 2L, 3L], txs.Rows().Select(r => r.Value("id")));
        Assert.Equal(3, txs.Select(t => t.EndPosition.File).Distinct().Count());
        Assert.Equal(from.File, txs[0].EndPosition.File);
    }

    [Fact]
    public async Task An_idle_stream_is_kept_alive_by_heartbeats()
    {
        const string db = "fm_binlog_idle";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; CREATE TABLE {db}.t (id INT PRIMARY KEY)");
        var client = BinlogTestSupport.Client();
        var options = new BinlogReadOptions { HeartbeatInterval = TimeSpan.FromMilliseconds(500), ReadTimeout = TimeSpan.FromSeconds(2), DatabaseFilter = d => d == db };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var writer = Task.Run(async () =>
        {
            await Task.Delay(4000);
            await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES (7)");
        });

        RowChange? row = null;
        await foreach (var tx in client.ReadTransactionsAsync(BinlogStartPosition.CurrentEnd, options, timeout.Token))
        {
            row = tx.Changes.OfType<RowChange>().FirstOrDefault();
            if (row is not null)
            {
                break;
            }
        }

        await writer;
        Assert.Equal(7L, row!.Value("id"));
        // Other tests may write to the shared binlog meanwhile (then the source sends events instead of heartbeats),
        // so ask for at least one; without heartbeats the 2 s read timeout would have forced a reconnect.
        Assert.True(client.HeartbeatsReceived >= 1, $"{client.HeartbeatsReceived} heartbeats in 4 s at 0.5 s");
        Assert.Equal(0, client.Reconnects);
    }

    [Fact]
    public async Task Restart_from_a_saved_position_gives_no_duplicate_and_no_gap()
    {
        const string db = "fm_binlog_resume";
        var from = await BinlogTestSupport.CreateTableAsync(db, "(id INT PRIMARY KEY)");
        for (var i = 1; i <= 10; i++)
        {
            await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES ({i})");
        }

        var seen = new List<long>();
        BinlogPosition saved = default;
        var options = new BinlogReadOptions { StopAtEnd = true, DatabaseFilter = d => d == db };
        await foreach (var tx in BinlogTestSupport.Client().ReadTransactionsAsync(BinlogStartPosition.At(from), options))
        {
            seen.AddRange(tx.Changes.OfType<RowChange>().Select(r => (long)r.Value("id")!));
            saved = BinlogPosition.Parse(tx.EndPosition.ToString());
            if (seen.Count == 4)
            {
                break;
            }
        }

        var rest = await BinlogTestSupport.ReadToEndAsync(saved, db);
        seen.AddRange(rest.Rows().Select(r => (long)r.Value("id")!));

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task Start_from_a_MariaDB_GTID_position_and_track_it()
    {
        const string db = "fm_binlog_gtid";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; CREATE TABLE {db}.t (id INT PRIMARY KEY)");
        var client = BinlogTestSupport.Client();
        var start = (await client.GetCurrentGtidsAsync())!;
        await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES (1); INSERT INTO {db}.t VALUES (2)");
        var now = (await client.GetCurrentGtidsAsync())!;

        var txs = new List<BinlogTransaction>();
        var options = new BinlogReadOptions { StopAtEnd = true, DatabaseFilter = d => d == db };
        await foreach (var tx in client.ReadTransactionsAsync(start, options))
        {
            txs.Add(tx);
        }

        var mine = txs.Where(t => t.Changes.Count > 0).ToList();
        Assert.Equal([1L, 2L], mine.Rows().Select(r => r.Value("id")));
        Assert.Equal(now.MariaDbGtid, txs[^1].MariaDbGtidPosition);
        Assert.Equal(now.MariaDbGtid!.Gtids[0].ToString(), txs[^1].Gtid);
    }

    [Fact]
    public async Task Compressed_events_and_annotated_statements_decode()
    {
        const string db = "fm_binlog_zlib";
        var from = await BinlogTestSupport.CreateTableAsync(db, "(id INT PRIMARY KEY, v TEXT)");
        await ServerPair.ExecSourceAsync("SET GLOBAL log_bin_compress = ON");
        try
        {
            await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES (1, REPEAT('z', 5000)), (2, 'short'); ALTER TABLE {db}.t COMMENT = '{new string('c', 300)}'");
        }
        finally
        {
            await ServerPair.ExecSourceAsync("SET GLOBAL log_bin_compress = OFF");
        }

        var txs = await BinlogTestSupport.ReadToEndAsync(from, db, new BinlogReadOptions { IncludeStatements = true });

        var rows = txs.Rows().ToList();
        Assert.Equal(5000, ((byte[])rows[0].Value("v")!).Length);
        Assert.Equal("short"u8.ToArray(), rows[1].Value("v"));
        Assert.StartsWith("INSERT INTO fm_binlog_zlib.t", rows[0].Statement, StringComparison.Ordinal);
        Assert.EndsWith(new string('c', 300) + "'", Assert.IsType<DdlChange>(txs[1].Changes[0]).Sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_killed_dump_connection_is_resumed_without_loss()
    {
        const string db = "fm_binlog_kill";
        await ServerPair.ResetDatabasesAsync(db);
        await ServerPair.ExecSourceAsync($"CREATE DATABASE {db}; CREATE TABLE {db}.t (id INT PRIMARY KEY)");
        var client = BinlogTestSupport.Client();
        var from = await client.GetCurrentPositionAsync();
        var options = new BinlogReadOptions { DatabaseFilter = d => d == db, ReconnectDelay = TimeSpan.FromMilliseconds(100) };
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var writer = Task.Run(async () =>
        {
            for (var i = 1; i <= 40; i++)
            {
                await ServerPair.ExecSourceAsync($"INSERT INTO {db}.t VALUES ({i})");
                await Task.Delay(20);
            }
        });

        var seen = new List<long>();
        var killed = false;
        await foreach (var tx in client.ReadTransactionsAsync(BinlogStartPosition.At(from), options, timeout.Token))
        {
            seen.AddRange(tx.Changes.OfType<RowChange>().Select(r => (long)r.Value("id")!));
            if (!killed && seen.Count >= 5)
            {
                killed = true;
                await ServerPair.ExecSourceAsync($"KILL {client.CurrentConnectionId}");
            }

            if (seen.Count >= 40)
            {
                break;
            }
        }

        await writer;
        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), seen);
        Assert.True(client.Reconnects >= 1);
    }
}
