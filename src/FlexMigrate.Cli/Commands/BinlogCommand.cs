using System.Globalization;
using FlexMigrate.Core.Binlog;

namespace FlexMigrate.Cli.Commands;

/// <summary>`flexmigrate binlog`: prints a source's binlog row changes, one line each (JSON lines with --json).</summary>
internal sealed class BinlogCommand : ICommand
{
    public string Name => "binlog";

    public string Summary => "Stream and decode a source's binary log (row changes as text or JSON lines).";

    public string Usage => """
        flexmigrate binlog --source <connection string> [--from <file:pos> | --gtid <set>] [--to-end] [--json]
        flexmigrate binlog --file <binlog file> [--json]

          --source <conn>   Source server (or env FLEXMIGRATE_SOURCE). Needs REPLICATION SLAVE, REPLICATION CLIENT.
          --from <file:pos> Start here (e.g. mysql-bin.000003:4). Default: the current end of the log.
          --gtid <set>      Start after these GTIDs: MariaDB 0-1-100[,1-2-5] or MySQL uuid:1-100.
          --to-end          Stop at the current end of the log instead of waiting for more.
          --json            One JSON object per line: position, gtid, table "db.table", op, before, after.
          --file <path>     Decode a binlog file from disk instead of a server (no --source needed).
          --stats           Print events, bytes and rate to stderr at the end.
        """;

    public async Task<int> RunAsync(CommandArguments args, CommandConsole console, CancellationToken cancellationToken)
    {
        var file = args.Option("--file");
        var from = args.Option("--from");
        var gtid = args.Option("--gtid");
        var toEnd = args.Flag("--to-end");
        var json = args.Flag("--json");
        var stats = args.Flag("--stats");
        var source = file is null ? args.Required("--source", "FLEXMIGRATE_SOURCE") : args.Option("--source");
        args.EnsureAllUsed();
        if (from is not null && gtid is not null)
        {
            throw new UsageException("Give --from or --gtid, not both.");
        }

        var options = new BinlogReadOptions { StopAtEnd = toEnd };
        var started = System.Diagnostics.Stopwatch.StartNew();
        // Real stdout gets the bytes directly (the fast path the benchmark measures); any other writer (tests) gets text.
        await using var stdout = ReferenceEquals(console.Out, Console.Out) ? Console.OpenStandardOutput() : new TextWriterStream(console.Out);
        await using var buffered = new BufferedStream(stdout, 1 << 16);
        using var formatter = new BinlogJsonFormatter(buffered);
        long transactions = 0, changes = 0;
        try
        {
            if (file is not null)
            {
                foreach (var tx in BinlogFileReader.ReadTransactions(file, options))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Print(tx, json, formatter, buffered);
                    transactions++;
                    changes += tx.Changes.Count;
                }
            }
            else
            {
                var client = new BinlogClient(source!);
                var start = ParseStart(from, gtid);
                await foreach (var tx in client.ReadTransactionsAsync(start, options, cancellationToken))
                {
                    Print(tx, json, formatter, buffered);
                    transactions++;
                    changes += tx.Changes.Count;
                    if (!toEnd)
                    {
                        await buffered.FlushAsync(cancellationToken);
                    }
                }
            }
        }
        catch (BinlogException ex)
        {
            await buffered.FlushAsync(CancellationToken.None);
            await console.Error.WriteLineAsync($"flexmigrate binlog: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (FormatException ex) when (ex is BinlogFormatException)
        {
            await buffered.FlushAsync(CancellationToken.None);
            await console.Error.WriteLineAsync($"flexmigrate binlog: {ex.Message}");
            return ExitCodes.Failed;
        }

        await buffered.FlushAsync(cancellationToken);
        if (stats)
        {
            await console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"binlog: {transactions} transactions, {changes} changes in {started.Elapsed.TotalSeconds:0.00} s"));
        }

        return ExitCodes.Success;
    }

    private static BinlogStartPosition ParseStart(string? from, string? gtid)
    {
        try
        {
            return from is not null ? BinlogStartPosition.At(BinlogPosition.Parse(from))
                : gtid is not null ? BinlogStartPosition.ParseGtids(gtid)
                : BinlogStartPosition.CurrentEnd;
        }
        catch (FormatException ex)
        {
            throw new UsageException(ex.Message);
        }
    }

    private static void Print(BinlogTransaction tx, bool json, BinlogJsonFormatter formatter, Stream output)
    {
        if (json)
        {
            formatter.Write(tx);
            return;
        }

        foreach (var change in tx.Changes)
        {
            var line = change switch
            {
                RowChange row => $"{tx.EndPosition} {tx.Gtid ?? "-"} {row.Operation.ToString().ToLowerInvariant()} {row.Database}.{row.Table}",
                DdlChange ddl => $"{tx.EndPosition} {tx.Gtid ?? "-"} ddl {ddl.Database}: {ddl.Sql.ReplaceLineEndings(" ")}",
                _ => "",
            };
            output.Write(System.Text.Encoding.UTF8.GetBytes(line + "\n"));
        }
    }

    /// <summary>A write-only stream that forwards UTF-8 bytes to a TextWriter.</summary>
    private sealed class TextWriterStream(TextWriter writer) : Stream
    {
        private readonly System.Text.Decoder _decoder = System.Text.Encoding.UTF8.GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            var chars = new char[_decoder.GetCharCount(buffer, offset, count)];
            _decoder.GetChars(buffer, offset, count, chars, 0);
            writer.Write(chars);
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
